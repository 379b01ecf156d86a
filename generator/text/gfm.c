#include "gfm.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <pthread.h>

static cmark_syntax_extension *autolink, *strike;

/* held while a parse has the trigger characters switched on (see gfm.h) */
static pthread_mutex_t inline_lock = PTHREAD_MUTEX_INITIALIZER;

void gfm_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	autolink = cmark_find_syntax_extension("autolink");
	strike = cmark_find_syntax_extension("strikethrough");
}

void gfm_attach(cmark_parser *parser)
{
	cmark_parser_attach_syntax_extension(parser, strike);
	cmark_parser_attach_syntax_extension(parser, autolink);
}

cmark_node *gfm_finish(cmark_parser *parser)
{
	pthread_mutex_lock(&inline_lock);
	cmark_node *doc = cmark_parser_finish(parser);
	pthread_mutex_unlock(&inline_lock);
	return doc;
}
