#include "jsonutil.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

static void json_text(buf_t *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_putc(b, '"');
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_put(b, s + from, i - from);
		from = i + 1;
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default:
			buf_puts(b, "\\u00");
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
	buf_put(b, s + from, n - from);
	buf_putc(b, '"');
}

static void write_value(buf_t *b, json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		buf_puts(b, "null");
		break;
	case json_type_boolean:
		buf_puts(b, json_object_get_boolean(v) ? "true" : "false");
		break;
	case json_type_int:
		buf_printf(b, "%" PRId64, json_object_get_int64(v));
		break;
	case json_type_double: {
		double d = json_object_get_double(v);
		if (isnan(d)) {
			buf_puts(b, "NaN");
		} else if (isinf(d)) {
			buf_puts(b, d < 0 ? "-Infinity" : "Infinity");
		} else {
			size_t at = b->len;
			buf_printf(b, "%.17g", d);
			/* stays a double when read back */
			if (!strpbrk(b->data + at, ".e"))
				buf_puts(b, ".0");
		}
		break;
	}
	case json_type_string:
		json_text(b, json_object_get_string(v), (size_t)json_object_get_string_len(v));
		break;
	case json_type_array: {
		buf_putc(b, '[');
		size_t n = json_object_array_length(v);
		for (size_t i = 0; i < n; i++) {
			if (i)
				buf_putc(b, ',');
			write_value(b, json_object_array_get_idx(v, i));
		}
		buf_putc(b, ']');
		break;
	}
	case json_type_object: {
		buf_putc(b, '{');
		int first = 1;
		json_object_object_foreach(v, key, val) {
			if (!first)
				buf_putc(b, ',');
			first = 0;
			json_text(b, key, strlen(key));
			buf_putc(b, ':');
			write_value(b, val);
		}
		buf_putc(b, '}');
		break;
	}
	}
}

/* json-c's own writer gives the same at three times the cost; the build
 * cache holds every page's front matter this way. */
void json_write(buf_t *b, json_object *v)
{
	write_value(b, v);
}
