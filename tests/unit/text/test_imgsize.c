/* imgsize: PNG, GIF, JPEG and SVG sizes are read from their first bytes;
 * what cannot be known (an SVG in %, a cut file, a text) gives 0. */
#include "check.h"
#include "imgsize.h"

static int size_of(const char *s, size_t n, int *w, int *h)
{
	*w = *h = -1;
	return imgsize_data((const unsigned char *)s, n, w, h);
}

#define SVG(s, w_, h_)                                                     \
	do {                                                               \
		int w, h;                                                  \
		CHECK(size_of(s, strlen(s), &w, &h) == 1);                  \
		CHECK(w == (w_) && h == (h_));                             \
	} while (0)
#define NONE(s, n)                                                         \
	do {                                                               \
		int w, h;                                                  \
		CHECK(size_of(s, n, &w, &h) == 0);                          \
	} while (0)

int main(void)
{
	int w, h;
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x01\x2c\0\0\0\x50\x08\x06\0\0\0";
	CHECK(size_of(png, sizeof png - 1, &w, &h) == 1);
	CHECK(w == 300 && h == 80);
	NONE(png, 20); /* cut before the size */

	static const char gif[] = "GIF89a\x40\x01\xc8\x00";
	CHECK(size_of(gif, sizeof gif - 1, &w, &h) == 1);
	CHECK(w == 320 && h == 200);

	/* SOI, an APP0 of 16 bytes, then SOF0 with height 480, width 640 */
	static const char jpg[] = "\xff\xd8\xff\xe0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
				  "\xff\xc0\x00\x11\x08\x01\xe0\x02\x80\x03";
	CHECK(size_of(jpg, sizeof jpg - 1, &w, &h) == 1);
	CHECK(w == 640 && h == 480);
	/* a DHT (C4) before the frame is not the frame */
	static const char jpg2[] = "\xff\xd8\xff\xc4\x00\x04\x00\x00\xff\xc2\x00\x11\x08\x00\x10\x00\x20\x03";
	CHECK(size_of(jpg2, sizeof jpg2 - 1, &w, &h) == 1);
	CHECK(w == 32 && h == 16);
	NONE(jpg, 22);

	SVG("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\">", 120, 40);
	SVG("<?xml version=\"1.0\"?>\n<svg width='120px' height='40px'\nviewBox='0 0 12 4'>", 120, 40);
	SVG("<svg viewBox=\"0 0 240 80\">", 240, 80);
	SVG("<svg viewBox=\"0,0,240.4,79.6\">", 240, 80);
	SVG("<svg width=\"60\" viewBox=\"0 0 240 80\">", 60, 20);
	NONE("<svg width=\"100%\" height=\"100%\">", 32);
	NONE("<svg width=\"100%\" viewBox=\"0 0 240 80\">", 40);
	NONE("<svg width=\"10em\" height=\"3em\">", 30);
	NONE("<svgx width=\"10\" height=\"3\">", 27);
	NONE("plain text, not an image", 24);
	NONE("<svg width=\"0\" height=\"0\">", 26);
	return check_done("imgsize");
}
