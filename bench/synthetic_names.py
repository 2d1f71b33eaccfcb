"""Invented first names and surnames for benchmark rosters and posts (no real pupils)."""

FIRST = ["Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Freya", "Arthur", "Poppy", "Leo",
         "Ivy", "Oscar", "Willow", "Theo", "Rosie", "Harry", "Evie", "Jack", "Sophia", "Finley",
         "Daisy", "Alfie", "Florence", "Archie", "Maya", "Henry", "Elsie", "Freddie", "Ruby", "Charlie",
         "Matilda", "Jacob", "Phoebe", "Teddy", "Lily", "Reuben", "Harper", "Edward", "Esme", "Ezra",
         "Aisha", "Mohammed", "Zainab", "Yusuf", "Priya", "Arjun", "Chloe", "Kai", "Nia", "Tomasz"]
SURNAMES = ["Ashworth", "Bramley", "Caldwell", "Dunmore", "Ellery", "Fairbanks", "Gillingham", "Hartnell",
            "Ingleby", "Jessop", "Kettering", "Lockwood", "Marchbank", "Northcott", "Oakley", "Penhaligon",
            "Quarrie", "Rowntree", "Stanwick", "Thackeray", "Underhill", "Varley", "Whitlock", "Yardley",
            "Ashdown", "Blakemore", "Cartwright", "Densley", "Eastwood", "Fenwick"]
