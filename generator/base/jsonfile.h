/*
 * jsonfile: reads a JSON file into json-c, with a file:line:col error when
 * it does not parse. The caller owns *out (json_object_put).
 */
#ifndef PLANPRESS_JSONFILE_H
#define PLANPRESS_JSONFILE_H

#include <json-c/json.h>

int json_file_read(const char *path, json_object **out);

#endif
