#include "simd_scan.h"

#if defined(__SSE2__) && !defined(PLANPRESS_PLAIN)

#include <emmintrin.h>

size_t simd_skip_html_text(const char *s, size_t i, size_t n)
{
	const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'),
		      quot = _mm_set1_epi8('"'), apos = _mm_set1_epi8('\'');
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i hit = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quot)),
				     _mm_cmpeq_epi8(v, apos)));
		int mask = _mm_movemask_epi8(hit);
		if (mask)
			return i + (size_t)__builtin_ctz((unsigned)mask);
		i += 16;
	}
	return i;
}

size_t simd_skip_utf8(const char *s, size_t i, size_t n)
{
	/* A block passes when its bytes of 0x80 and up are leads C2..DF each
	 * followed by one continuation byte (the last one's may open the
	 * next block). */
	unsigned open = 0; /* the block before ended with a lead */
	const __m128i lead_lo = _mm_set1_epi8(-63), lead_hi = _mm_set1_epi8(-32),
		      cont_hi = _mm_set1_epi8(-64);
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		unsigned high = (unsigned)_mm_movemask_epi8(v);
		/* as signed bytes, leads are -62..-33, continuations
		 * -128..-65; worked out for ASCII blocks too, as a branch on
		 * which kind a block is would go wrong half the time */
		unsigned lead = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpgt_epi8(v, lead_lo), _mm_cmplt_epi8(v, lead_hi)));
		unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, cont_hi));
		if ((lead | cont) != high || (((lead << 1) | open) & 0xFFFF) != cont)
			break;
		open = lead >> 15;
		i += 16;
	}
	/* a lead the last block passed is looked at again, with what follows */
	return i - open;
}

#else

size_t simd_skip_html_text(const char *s, size_t i, size_t n)
{
	(void)s;
	(void)n;
	return i;
}

size_t simd_skip_utf8(const char *s, size_t i, size_t n)
{
	(void)s;
	(void)n;
	return i;
}

#endif
