// Canvas: cairo drawing for the fixture generator.
