planpress: error: --pdf=pdfa: den enda sortens PDF att be om är arkiv (PDF/A-2b för arkivet)
