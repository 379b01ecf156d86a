/*
 * linkcheck: checks the links, anchors and ids of every built page (kept in
 * memory by `planpress check`). extra lists output files the site model
 * does not know (feeds, assets, generated files). Returns 0, or -1 after
 * reporting problems with the source file of each page.
 */
#ifndef PLANPRESS_LINKCHECK_H
#define PLANPRESS_LINKCHECK_H

#include <stddef.h>

#include "site.h"

int linkcheck_run(const struct site *s, char **extra, size_t nextra, int jobs);

#endif
