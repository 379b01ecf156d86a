/* jsonutil: json_write's text reads back as the value it was made from. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "jsonutil.h"

static unsigned seed = 99;

static unsigned next(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

static json_object *random_value(int depth)
{
	static const double doubles[] = {0.1, -2.5, 5.0, 1e300, -1e-300, 123456789.125, 0.0, 1.0 / 3};
	static const int64_t ints[] = {0, 1, -1, 2026, INT64_MAX, INT64_MIN, 4294967296};
	switch (next() % (depth < 4 ? 7 : 5)) {
	case 0:
		return NULL;
	case 1:
		return json_object_new_boolean((int)(next() % 2));
	case 2:
		return json_object_new_int64(ints[next() % 7]);
	case 3:
		return json_object_new_double(doubles[next() % 8]);
	case 4: {
		/* any byte, NUL and quotes and backslashes included */
		char s[40];
		int n = (int)(next() % sizeof s);
		for (int i = 0; i < n; i++)
			s[i] = (char)(next() % 4 ? "aå\"\\\n\t/x"[next() % 10] : (char)(next() % 256));
		return json_object_new_string_len(s, n);
	}
	case 5: {
		json_object *a = json_object_new_array();
		for (int i = (int)(next() % 4); i > 0; i--)
			json_object_array_add(a, random_value(depth + 1));
		return a;
	}
	default: {
		json_object *o = json_object_new_object();
		for (int i = (int)(next() % 5); i > 0; i--) {
			char key[8];
			snprintf(key, sizeof key, "k%u\"", next() % 50);
			json_object_object_add(o, key, random_value(depth + 1));
		}
		return o;
	}
	}
}

/* the same keys in the same order, all the way down */
static int same_order(json_object *a, json_object *b)
{
	if (json_object_get_type(a) == json_type_array) {
		for (size_t i = 0; i < json_object_array_length(a); i++)
			if (!same_order(json_object_array_get_idx(a, i), json_object_array_get_idx(b, i)))
				return 0;
		return 1;
	}
	if (json_object_get_type(a) != json_type_object)
		return 1;
	struct json_object_iterator ia = json_object_iter_begin(a), ib = json_object_iter_begin(b),
				    ea = json_object_iter_end(a), eb = json_object_iter_end(b);
	while (!json_object_iter_equal(&ia, &ea) && !json_object_iter_equal(&ib, &eb)) {
		if (strcmp(json_object_iter_peek_name(&ia), json_object_iter_peek_name(&ib)) ||
		    !same_order(json_object_iter_peek_value(&ia), json_object_iter_peek_value(&ib)))
			return 0;
		json_object_iter_next(&ia);
		json_object_iter_next(&ib);
	}
	return json_object_iter_equal(&ia, &ea) && json_object_iter_equal(&ib, &eb);
}

static void write_text(json_object *v, const char *want)
{
	buf_t b = BUF_INIT;
	json_write(&b, v);
	CHECK_STR(buf_cstr(&b), want);
	buf_free(&b);
	json_object_put(v);
}

int main(void)
{
	write_text(json_object_new_double(5.0), "5.0");
	write_text(json_object_new_double(0.1), "0.10000000000000001");
	write_text(json_object_new_string_len("a\"\\\n\x01\0b", 7), "\"a\\\"\\\\\\n\\u0001\\u0000b\"");
	write_text(NULL, "null");
	{
		json_object *o = json_object_new_object();
		json_object_object_add(o, "z", json_object_new_int(1));
		json_object_object_add(o, "a", json_object_new_array());
		write_text(o, "{\"z\":1,\"a\":[]}");
	}

	int ok = 1;
	for (int round = 0; round < 3000 && ok; round++) {
		json_object *v = random_value(0);
		buf_t b = BUF_INIT;
		json_write(&b, v);
		json_object *back = json_tokener_parse(buf_cstr(&b));
		ok = (v == NULL ? back == NULL : back != NULL) && json_object_equal(v, back) &&
		     same_order(v, back);
		if (!ok)
			printf("round %d: %s\n", round, buf_cstr(&b));
		json_object_put(back);
		json_object_put(v);
		buf_free(&b);
	}
	CHECK(ok);

	/* NaN and the infinities are doubles again when read back */
	{
		json_object *a = json_object_new_array();
		json_object_array_add(a, json_object_new_double(NAN));
		json_object_array_add(a, json_object_new_double(INFINITY));
		json_object_array_add(a, json_object_new_double(-INFINITY));
		buf_t b = BUF_INIT;
		json_write(&b, a);
		json_object *back = json_tokener_parse(buf_cstr(&b));
		CHECK(back && json_object_array_length(back) == 3);
		if (back) {
			CHECK(isnan(json_object_get_double(json_object_array_get_idx(back, 0))));
			CHECK(json_object_get_double(json_object_array_get_idx(back, 1)) == INFINITY);
			CHECK(json_object_get_double(json_object_array_get_idx(back, 2)) == -INFINITY);
		}
		json_object_put(back);
		json_object_put(a);
		buf_free(&b);
	}
	return check_done("jsonutil");
}
