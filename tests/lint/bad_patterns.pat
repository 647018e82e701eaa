# A patterns file with an error (tests/lint/bad_patterns.yaml)
list month = يناير:1
pattern p = @month @nomonth
