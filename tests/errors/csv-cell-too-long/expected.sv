content/data.csv:2:2: error: cellen är längre än 65536 byte
