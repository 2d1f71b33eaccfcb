import pytest

from postguard.text.recognizers.health import HealthRecognizer

RECOGNIZER = HealthRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Very proud of [Noah Moore] in Year 6 who wore his new hearing aids to school", ["hearing aids"]),
        ("Dear parents of Class 5K: [Jayden] has a severe peanut allergy and his mum has asked", ["peanut allergy"]),
        (
            "Congratulations to [Olivia Tomlinson], who was diagnosed with type 1 diabetes last year and has "
            "just raised £500 for Diabetes UK",
            ["type 1 diabetes"],
        ),
        ("[Max] has asthma so please remind him to bring his inhaler", ["asthma", "inhaler"]),
        ("[Evie] is back after breaking her arm – her broken arm is healing well", ["broken arm"]),
        ("[Leo] has ADHD and an EHCP", ["ADHD", "EHCP"]),
        ("[Amelia], who is autistic, loved the quiet room", ["autistic"]),
        ("[Sam] had an epileptic seizure at swimming", ["epileptic seizure"]),
        ("[Tommy] is recovering in hospital", ["in hospital"]),
        ("[Zara] has dyslexia and SEN support", ["dyslexia", "SEN support"]),
        ("[Ben] carries an EpiPen for his nut allergy", ["EpiPen", "nut allergy"]),
        ("[Isla] has been on medication for her eczema", ["medication", "eczema"]),
        ("[Sophia] has been in Great Ormond Street for treatment.", ["Great Ormond Street for treatment"]),
        ("[Mia] broke her wrist at the weekend", ["broke her wrist"]),
        ("[Ben] has a sprained left ankle", ["sprained left ankle"]),
        ("[MAX] HAS ADHD AND LOVES FOOTBALL", ["ADHD"]),
        ("[Alfie] took his first steps with his new walking frame", ["walking frame"]),
        ("Please help us find [Leo]'s blue ear defenders", ["ear defenders"]),
        ("[Alfie] has physio every week", ["physio"]),
        ("[Alfie] has a physio session on Mondays", ["physio"]),
        ("[Alfie]'s physio says he is walking further", ["physio"]),
        ("[Alfie]'s physio team says he is walking further", ["physio"]),  # his: a therapy he has
        ("[Alfie] sees a speech and language therapist", ["speech and language therapist"]),
        ("[Ella] spoke bravely about her mental health", ["mental health"]),
        ("[Alfie] ran 5k. He has asthma and never gave up", ["asthma"]),  # the pronoun reaches back
        ("Get well soon [Omar] 💐 Broken arms are no fun!", ["Broken arms"]),  # an emoji does not end the tie
        ("[Omar], who is non-verbal, said hello with his switch", ["non-verbal"]),
        ("[Robin] used his communication book to order lunch", ["communication book"]),
        ("[Zac] answered with his AAC device and PECS cards", ["AAC", "PECS"]),
        ("[Harry], who is in foster care, joined us this term", ["in foster care"]),
        ("[Omar] is a young carer for his mum", ["young carer"]),
        ("[Omar]'s social worker came to watch", ["social worker"]),
        ("[Omar] came back from hospital today", ["from hospital"]),
        ("[Omar]’s splints are bright blue", ["splints"]),
        ("[Omar], who is Deaf, led the signing choir", ["Deaf"]),
        ("[Finn] has Down’s syndrome and loves music", ["Down’s syndrome"]),
        ("[FINN] HAS DOWN SYNDROME", ["DOWN SYNDROME"]),
        ("[Kofi] is in Leicester Children's Hospital this week", ["Children's Hospital"]),
        ("[Omar] is a wheelchair user", ["wheelchair"]),
        ("[Omar] won the wheelchair race", ["wheelchair"]),
        ("Our diabetic superstar [Omar] ran the 5k", ["diabetic"]),
        ("[Omar] has Epilepsy and [Finn] has asthma", ["Epilepsy", "asthma"]),
        ("[Omar] has ASC and loves trains", ["ASC"]),
        ("Well done [Omar]! ADHD has never stopped him", ["ADHD"]),
        ("[Leo]'s SEND support plan is ready", ["SEND"]),
        # must not match (no pupil in the sentence: the tie drops it; or not a condition)
        ("Could parents please make sure that children who need inhalers have one in school.", []),
        ("We have several children with severe allergies.", []),
        ("Please be aware that a case of head lice has been reported in Class 2H.", []),
        ("[Max] raised money for Diabetes UK", []),
        ("[Leo] took part in Autism Awareness Week", []),
        ("[Ruby] will send a card", []),
        ("Please send in a card for [Ruby]", []),
        ("[Max] will add the numbers", []),
        ("[Jess] asked such brilliant questions that Dr Saleh invited her to visit the surgery!", []),
        ("[Amelia] wore her new glasses", []),
        ("[Oscar] made six brilliant saves", []),
        ("[Jess] loved the healthy lunch", []),
        ("[Evie] did the operation in maths", []),
        ("[Mia] broke the school record", []),
        ("[Leo] hurt the other team with his goals", []),
        # health words that are not a named pupil's: charities, a relative's condition
        ("[Theo] ran the half marathon for Asthma + Lung UK", []),
        ("[Esme] raised £200 for the Cystic Fibrosis Trust", []),
        ("[Hodan] ran 10km because her grandmother lives with diabetes", []),
        ("[Amir] and his dad, who has epilepsy, walked 5 miles", []),
        ("[Hodan]'s grandmother came to watch. [Hodan] has diabetes", ["diabetes"]),
        ("[Theo], whose mum ran too, has asthma", ["asthma"]),
        ("[Theo] is doing well: his mum says he has asthma but loves running", ["asthma"]),
        ("[MAX] PLEASE SEND IN YOUR FORMS AND ADD YOUR NAME", []),
        # a member of staff by their job, named beside it; a topic for everyone; another sentence
        ("[Alfie] walked and Tess the physio says he has worked hard", []),
        ("Thank you to Bev, our speech and language therapist, for working with [Alfie]", []),
        ("Our physio Teresa worked with [Alfie] and [Mo] today", []),
        ("Thank you to our speech and language therapy team for [Omar]'s party", []),
        ("The physio team worked with [Omar] on the new trail", []),
        ("[Faith] led a workshop on looking after our mental health", []),
        ("[Omar] walked from the hospital car park to raise money for the hospital", []),
        # part of a name (a capital beside capitalised words), or a thing rather than a condition
        ("[Omar] rode with Riding for the Disabled on Tuesday", []),
        ("[Omar] and [Finn] played at the Disability Sport festival", []),
        ("[Omar] took cards to hospital patients and hospital staff", []),
        ("[Omar] did a blind taste test", []),
        ("[Omar] built a wheelchair ramp for the garden", []),
        ("[Omar] took part in autism awareness week", []),
        ("Good luck to [Storm], who is swimming for Stonehaven ASC on Sunday", []),
        ("[Omar] read a book about communication", []),
        ("[Omar] adopted a hedgehog for the class", []),
        ("[Omar] sang carols in care homes", []),
        ("[Omar] took great care in his handwriting", []),
        ("Our books foster a love of reading in [Omar]", []),
        ("[Omar] wrote his name on the pecs of the model", []),  # PECS only in capitals
    ],
)
def test_health(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected


def test_health_is_tied_to_the_pupils_of_its_sentence(context):
    ctx = context("[Jayden] has a nut allergy. The class made cards.")
    (hit,) = RECOGNIZER(ctx.patterns, ctx.roster).find(ctx)
    assert hit.needs_pupil and hit.pupils == ("UPN-Jayden",)
