#include "lang.h"

#include <stdio.h>
#include <string.h>

static const struct lang sv = {
	.code = "sv",
	.months = {"januari", "februari", "mars", "april", "maj", "juni", "juli",
		   "augusti", "september", "oktober", "november", "december"},
	.toc_title = "Innehåll",
	.footnotes = "Fotnoter",
	.footnote_back = "Tillbaka till texten",
	.skip_link = "Hoppa till innehållet",
	.home = "Startsida",
	.breadcrumbs = "Du är här",
	.main_nav = "Samordningsförbund",
	.published = "Publicerad",
	.updated = "Uppdaterad",
	.pages_in_section = "Sidor och dokument",
	.latest = "Senaste dokument och nyheter",
	.forbund_list = "Förbunden",
	.page_not_found = "Sidan finns inte",
	.print = "Skriv ut",
	.table = "Tabell",
	.adopted = "Antagen av förbundsstyrelsen den",
	.page_word = "Sida",
	.of_word = "av",
	.print_version = "Utskriftsversion",
	.download_pdf = "Ladda ner som PDF",
	.download_odt = "Ladda ner för Word/LibreOffice (ODT)",
	.mail_for_office = "För kansliet: brevet som e-post",
	.mail_html = "E-postens HTML-del",
	.mail_text = "E-postens textdel",
	.mail_eml = "Färdigt e-postmeddelande att skicka (.eml)",
	.appendices = "Bilagor",
	.contact = "Kontakt",
	.moved = "Sidan har flyttat till",
	.members = "Medlemmar",
	.news = "Nyheter",
	.documents = "Planer och rapporter",
	.more_news = "Alla nyheter",
	.newer = "Nyare",
	.older = "Äldre",
	.page_n_of = "Sida",
	.accessibility = "Tillgänglighetsredogörelse",
	.not_found_text = "Sidan du sökte finns inte eller har flyttats. Gå till startsidan eller välj ett förbund i menyn.",
	.in_this_issue = "I detta nummer",
	.read_on_web = "Läs på webben",
	.email = "E-post",
	.phone = "Telefon",
	.address = "Adress",
	.date_on = "den",
	.place_and_date = "Ort och datum",
	.search = "Sök",
	.search_label = "Sök på webbplatsen",
	.search_button = "Sök",
	.search_one = "1 träff för ”{q}”",
	.search_many = "{n} träffar för ”{q}”",
	.search_none = "Inga träffar för ”{q}”",
	.search_more = "Visa fler träffar",
	.search_no_js = "Sökningen behöver JavaScript. Slå på JavaScript i webbläsaren, eller hitta sidan via menyn och förbundens sidor.",
	.search_unavailable = "Sökningen fungerar inte just nu. Hitta sidan via menyn och förbundens sidor.",
	.search_filters = "Avgränsa sökningen",
	.search_any = "Alla",
	.filter_forbund = "Förbund",
	.filter_type = "Typ",
	.filter_year = "År",
};

static const struct lang en = {
	.code = "en",
	.months = {"January", "February", "March", "April", "May", "June", "July",
		   "August", "September", "October", "November", "December"},
	.toc_title = "Contents",
	.footnotes = "Footnotes",
	.footnote_back = "Back to the text",
	.skip_link = "Skip to content",
	.home = "Home",
	.breadcrumbs = "You are here",
	.main_nav = "Coordination associations",
	.published = "Published",
	.updated = "Updated",
	.pages_in_section = "Pages and documents",
	.latest = "Latest documents and news",
	.forbund_list = "Associations",
	.page_not_found = "Page not found",
	.print = "Print",
	.table = "Table",
	.adopted = "Adopted by the board on",
	.page_word = "Page",
	.of_word = "of",
	.print_version = "Printable version",
	.download_pdf = "Download as PDF",
	.download_odt = "Download for Word/LibreOffice (ODT)",
	.mail_for_office = "For the office: the letter as e-mail",
	.mail_html = "The e-mail's HTML part",
	.mail_text = "The e-mail's text part",
	.mail_eml = "E-mail message ready to send (.eml)",
	.appendices = "Appendices",
	.contact = "Contact",
	.moved = "This page has moved to",
	.members = "Members",
	.news = "News",
	.documents = "Plans and reports",
	.more_news = "All news",
	.newer = "Newer",
	.older = "Older",
	.page_n_of = "Page",
	.accessibility = "Accessibility statement",
	.not_found_text = "The page you asked for does not exist or has moved. Go to the home page or choose an association in the menu.",
	.in_this_issue = "In this issue",
	.read_on_web = "Read on the web",
	.email = "E-mail",
	.phone = "Phone",
	.address = "Address",
	.date_on = "on",
	.place_and_date = "Place and date",
	.search = "Search",
	.search_label = "Search the site",
	.search_button = "Search",
	.search_one = "1 result for “{q}”",
	.search_many = "{n} results for “{q}”",
	.search_none = "No results for “{q}”",
	.search_more = "Show more results",
	.search_no_js = "Search needs JavaScript. Turn JavaScript on in your browser, or find the page through the menu and the associations' pages.",
	.search_unavailable = "Search does not work right now. Find the page through the menu and the associations' pages.",
	.search_filters = "Narrow the search",
	.search_any = "All",
	.filter_forbund = "Association",
	.filter_type = "Type",
	.filter_year = "Year",
};

const struct lang *lang_get(const char *code)
{
	if (!code || !strcmp(code, "sv"))
		return &sv;
	if (!strcmp(code, "en"))
		return &en;
	return NULL;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int lang_parse_date(const char *s, int *y, int *m, int *d)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
	}
	if (s[10] != '\0' && s[10] != 'T' && s[10] != ' ')
		return -1;
	/* the digits are checked above: no sscanf, which every page's date
	 * goes through */
	int yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int mm = (s[5] - '0') * 10 + (s[6] - '0');
	int dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (mm < 1 || mm > 12 || dd < 1 || dd > days_in_month(yy, mm))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

void lang_format_date(const struct lang *l, int y, int m, int d, buf_t *out)
{
	buf_put_int(out, d);
	buf_putc(out, ' ');
	buf_puts(out, l->months[m - 1]);
	buf_putc(out, ' ');
	buf_put_int(out, y);
}

json_object *lang_to_json(const struct lang *l)
{
	json_object *o = json_object_new_object();
#define S(k) json_object_object_add(o, #k, json_object_new_string(l->k))
	S(code);
	S(toc_title);
	S(footnotes);
	S(skip_link);
	S(home);
	S(breadcrumbs);
	S(main_nav);
	S(published);
	S(updated);
	S(pages_in_section);
	S(latest);
	S(forbund_list);
	S(page_not_found);
	S(print);
	S(adopted);
	S(page_word);
	S(of_word);
	S(print_version);
	S(download_pdf);
	S(download_odt);
	S(mail_for_office);
	S(mail_html);
	S(mail_text);
	S(mail_eml);
	S(appendices);
	S(contact);
	S(members);
	S(news);
	S(documents);
	S(more_news);
	S(newer);
	S(older);
	S(page_n_of);
	S(accessibility);
	S(not_found_text);
	S(in_this_issue);
	S(place_and_date);
	S(read_on_web);
	S(email);
	S(phone);
	S(address);
	S(search);
	S(search_label);
	S(search_button);
	S(search_one);
	S(search_many);
	S(search_none);
	S(search_more);
	S(search_no_js);
	S(search_unavailable);
	S(search_filters);
	S(search_any);
	S(filter_forbund);
	S(filter_type);
	S(filter_year);
#undef S
	return o;
}
