site.conf: error: base_url ska börja med https://, http:// eller /, inte 'example.org'
