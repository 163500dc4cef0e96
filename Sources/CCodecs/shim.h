#include <png.h>
#include <glib.h>
#include <zlib.h>
