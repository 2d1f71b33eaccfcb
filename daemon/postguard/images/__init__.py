"""Image checker: a bank of perceptual hashes of reference photos of pupils without photo consent.

Only hashes are stored, never the photos. No face recognition: a draft image is
flagged when it is (an edited copy of) one of the reference photos.
"""
