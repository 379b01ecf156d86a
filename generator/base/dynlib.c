#include "dynlib.h"

#include <dlfcn.h>
#include <string.h>

#include "diag.h"

int dynlib_load(const char *soname, const char *package, const char *command,
		const struct dynlib_sym *syms)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		diag(DIAG_ERROR, NULL, 0, 0, "planpress %s needs %s (install the Debian package %s): %s",
		     command, soname, package, dlerror());
		return -1;
	}
	for (const struct dynlib_sym *s = syms; s->name; s++) {
		dlerror();
		void *p = dlsym(lib, s->name);
		const char *err = dlerror();
		if (err || !p) {
			diag(DIAG_ERROR, NULL, 0, 0, "planpress %s: %s has no %s (%s); install the Debian package %s",
			     command, soname, s->name, err ? err : "null", package);
			return -1;
		}
		/* an object pointer into a function pointer: the POSIX way */
		memcpy(s->slot, &p, sizeof p);
	}
	return 0;
}
