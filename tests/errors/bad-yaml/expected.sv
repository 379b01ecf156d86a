content/vp.md:4:5: error: huvudet: did not find expected ',' or ']' while parsing a flow sequence (som började på rad 3)
