#include "suggest.h"

#include <ctype.h>
#include <string.h>

size_t suggest_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 30 || m > 30)
		return 99;
	size_t d[32][32];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int x = tolower((unsigned char)a[i - 1]), y = tolower((unsigned char)b[j - 1]);
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + (x != y) < v)
				v = d[i - 1][j - 1] + (x != y);
			if (i > 1 && j > 1 && x == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == y && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[n][m];
}

const char *suggest_nearest(const char *word, const char *const *known, size_t max_edits)
{
	const char *best = NULL;
	size_t bd = max_edits + 1;
	for (const char *const *k = known; *k; k++) {
		size_t d = suggest_distance(word, *k);
		if (d < bd) {
			bd = d;
			best = *k;
		}
	}
	return best;
}
