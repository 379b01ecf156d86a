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

#endif
