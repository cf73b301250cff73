/* test_redact.c: secrets are hidden in every spelling an answer may echo
 * them in, and nothing else in a message is touched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/config.h"
#include "base/redact.h"

#define URL "https://hooks.slack.com/services/T0AB12/B0CD34/XyZsecret9Token"
#define KEY "mkr-Abc123Def456Ghi789"

static void
check(const struct redact *r, const char *msg, const char *want)
{
	char *out = redact_apply(r, msg);

	if (want != NULL)
		assert_string_equal(out, want);
	/* Whatever the expected text, no long piece of a secret is left. */
	assert_null(strstr(out, "XyZsecret"));
	assert_null(strstr(out, "secret9"));
	assert_null(strstr(out, "Abc123"));
	assert_null(strstr(out, "Def456"));
	free(out);
}

static void
test_spellings(void **state)
{
	struct redact r = {0};

	(void)state;
	redact_add(&r, URL, REDACT_URL, "<webhook>");
	redact_add(&r, KEY, REDACT_PLAIN, "<api_key>");
	check(&r, "posted to " URL " failed", "posted to <webhook> failed");
	check(&r, "{\"url\":\"https:\\/\\/hooks.slack.com\\/services\\/T0AB12"
	    "\\/B0CD34\\/XyZsecret9Token\"}", "{\"url\":\"<webhook>\"}");
	check(&r, "bad url https%3A%2F%2Fhooks.slack.com%2Fservices%2FT0AB12"
	    "%2FB0CD34%2FXyZsecret9Token here", "bad url <webhook> here");
	check(&r, "twice %252Fservices%252FT0AB12%252FB0CD34%252FXyZsecret9Token",
	    "twice <webhook>");
	check(&r, "split /services/T0AB12/B0CD34/XyZsec\nret9Token ok",
	    "split <webhook> ok");
	check(&r, "split \"/services/T0AB12/B0CD34/XyZs\\nret\" and ",
	    NULL);
	check(&r, "escaped \\u002fservices\\u002fT0AB12\\u002fB0CD34\\u002f"
	    "XyZsecret9Token", "escaped <webhook>");
	check(&r, "html &#x2F;services&#x2F;T0AB12&#x2F;XyZsecret9", NULL);
	/* Cut short: a prefix of the secret at the end of the message. */
	check(&r, "answer was cut: /services/T0AB12/B0C",
	    "answer was cut: <webhook>");
	check(&r, "token XyZsecret9 only", "token <webhook> only");
	check(&r, "key " KEY, "key <api_key>");
	check(&r, "key=mkr-Abc123", "key=<api_key>");
	check(&r, "X-Api-Key: mkr-%41bc123%44ef456", "X-Api-Key: <api_key>");
	check(&r, "k\xef\xbf\xbdmkr-Abc1\xef\xbf\xbd" "23Def456Ghi789 end",
	    "k\xef\xbf\xbd<api_key> end");
	check(&r, "case MKR-ABC123DEF456", "case <api_key>");
	/* An escape swallows the start of the key ("%Ab" is a byte): the
	 * text as written is searched too. */
	check(&r, "x %Abc123D y", "x %<api_key> y");
	/* Not secret: the host, short pieces, ordinary words. */
	check(&r, "Could not resolve host: hooks.slack.com",
	    "Could not resolve host: hooks.slack.com");
	check(&r, "HTTP 404: channel_not_found", "HTTP 404: channel_not_found");
	check(&r, "invalid_token for T0 in 100% of cases",
	    "invalid_token for T0 in 100% of cases");
	redact_clear(&r);
}

static void
test_config(void **state)
{
	char err[256];
	struct config *cf = config_parse(
	    "[slack]\nwebhook.users = http://127.0.0.1:9/services/Usecret77\n"
	    "[mackerel]\napi_key = " KEY "\n"
	    "[prometheus]\nurl = http://bob:pa55word@prom:9090/\n"
	    "bearer_token = tok-ZZZ999yyy\n", "test", err);
	struct redact r = {0};
	char *out;

	(void)state;
	assert_non_null(cf);
	redact_config(&r, cf);
	out = redact_apply(&r, "a http://127.0.0.1:9/services/Usecret77 b "
	    KEY " c bob:pa55word d Bearer tok-ZZZ999yyy e");
	assert_string_equal(out, "a <webhook> b <api_key> c <password> d "
	    "Bearer <token> e");
	free(out);
	/* No secrets: the text comes back as it was. */
	redact_clear(&r);
	out = redact_apply(&r, "plain \\/ %41 text");
	assert_string_equal(out, "plain \\/ %41 text");
	free(out);
	config_free(cf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spellings),
		cmocka_unit_test(test_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
