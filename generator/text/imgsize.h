/*
 * imgsize: the pixel size of a PNG, JPEG, GIF or SVG image, read from its
 * first bytes, so that an <img> can carry width and height and the page
 * does not jump as images load. An image whose size cannot be read (another
 * format, an SVG sized in % or em, a broken file) has none: 0 is returned
 * and the caller writes the <img> without them.
 */
#ifndef PLANPRESS_IMGSIZE_H
#define PLANPRESS_IMGSIZE_H

#include <stddef.h>

/* The size of the image in data[0..len); 1 when known, else 0. */
int imgsize_data(const unsigned char *data, size_t len, int *w, int *h);
/* The same for the file at path (reads at most its first 256 KiB). */
int imgsize_file(const char *path, int *w, int *h);

#endif
