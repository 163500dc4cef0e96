#include <png.h>
#include <glib.h>
