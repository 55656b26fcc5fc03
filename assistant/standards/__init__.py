"""Standards the product knows by structure: profiles (numbers, titles, our own summaries) of
standards whose text it may not ship, and the crosswalk between them and bj-ipm."""
