/*
 * cli: the subcommands of the planpress program. Each takes the arguments
 * after its own name and returns the exit status: 0 success, 1 content
 * errors, 2 usage errors.
 */
#ifndef PLANPRESS_CLI_H
#define PLANPRESS_CLI_H

int cli_build(int argc, char **argv, int check_only);
int cli_mustache(int argc, char **argv);
/* serve.c: live preview on 127.0.0.1 */
int cli_serve(int argc, char **argv);
/* newsite.c: planpress new SITE | new KIND PATH, and theme export DIR */
int cli_new(int argc, char **argv);
int cli_theme(int argc, char **argv);

/* cliopt.c: 1 if argv[*i] is option shrt ("-j") or lng ("--jobs"), in any
 * of the forms people type: "-j 4", "-j4", "--jobs 4" and "--jobs=4". *v
 * is its value, or NULL when none follows; *i moves past a separate
 * value. */
int cli_option_value(int argc, char **argv, int *i, const char *shrt, const char *lng,
		     const char **v);

#endif
