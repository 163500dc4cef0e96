print("make-corpus: not yet")
