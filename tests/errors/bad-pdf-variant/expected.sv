site.conf:4: error: pdf ska vara true, false eller arkiv (PDF/A-2b för arkivet), inte 'pdf/a'
planpress: bygget misslyckades med 1 fel; ingenting skrevs
