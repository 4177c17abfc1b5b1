/*
 * PNG's row filters (spec §9) undone for 8-bit RGB and RGBA rows, each pixel's luminance written
 * as it is rebuilt, compiled to WebAssembly (scripts/build-wasm.ts) so that a command's one
 * decode runs at full speed from its first row. png-luma.ts inflates the image data and hands
 * over one row at a time.
 *
 * A pixel is one little-endian 32-bit word (red in the low byte; RGB gets a zero fourth byte) and
 * each byte of it is worked on independently, so four channels cost about what one does. Most of
 * a screen is flat, so most differences are zero: a run of them repeats either the row above (Up,
 * and Paeth where the left pixel equals the upper-left one) or the left pixel (Sub, and Paeth
 * under a flat row), and is copied or filled whole, its luminance with it.
 */
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(#name))) name

/* The scanner's weighting of red, green and blue. */
static inline uint8_t luma_of(uint32_t w) {
  return (uint8_t)(((w & 255) * 77 + ((w >> 8) & 255) * 150 + ((w >> 16) & 255) * 29) >> 8);
}

/* Four bytes added to four bytes, each modulo 256. */
static inline uint32_t add_bytes(uint32_t a, uint32_t b) {
  return ((a & 0x7f7f7f7fu) + (b & 0x7f7f7f7fu)) ^ ((a ^ b) & 0x80808080u);
}

/* Each byte's floor((a + b) / 2): the Average filter's predictor. */
static inline uint32_t average_bytes(uint32_t a, uint32_t b) {
  return (a & b) + (((a ^ b) >> 1) & 0x7f7f7f7fu);
}

/* The Paeth predictor (§9.4) of each of four bytes: left a, above b, upper-left c. */
static uint32_t paeth_bytes(uint32_t a, uint32_t b, uint32_t c) {
  uint32_t out = 0;
  for (int shift = 0; shift < 32; shift += 8) {
    int av = (a >> shift) & 255, bv = (b >> shift) & 255, cv = (c >> shift) & 255;
    int pa = bv > cv ? bv - cv : cv - bv;
    int pb = av > cv ? av - cv : cv - av;
    int pc = av + bv > cv + cv ? av + bv - cv - cv : cv + cv - av - bv;
    out |= (uint32_t)(pa <= pb && pa <= pc ? av : pb <= pc ? bv : cv) << shift;
  }
  return out;
}

extern unsigned char __heap_base;

/* The first free byte of memory: png-luma.ts lays the row buffers out from there. */
uint8_t *EXPORT(heap_start)(void) { return &__heap_base; }

/*
 * One row: `in` holds its filtered bytes (`channels` 3 or 4 a pixel), `above` the previous row's
 * pixels as words (zeros before the first row) and `above_luma` their luminance; the row's pixels
 * go to `row` and its luminance to `luma`. `first` says there is no row above to copy from.
 * Returns 0, or -1 for a filter type the spec does not define.
 */
int32_t EXPORT(unfilter_row)(const uint8_t *in, uint32_t *row, const uint32_t *above,
                             uint8_t *luma, const uint8_t *above_luma, int32_t width,
                             int32_t channels, int32_t filter, int32_t first) {
  if (filter < 0 || filter > 4) return -1;
  if (width <= 0) return 0;
  /* The row's differences as words. */
  if (channels == 4) {
    __builtin_memcpy(row, in, (uint32_t)width * 4);
  } else {
    for (int32_t x = 0; x + 1 < width; x++) {
      uint32_t w;
      __builtin_memcpy(&w, in + x * 3, 4);
      row[x] = w & 0xffffff;
    }
    const uint8_t *p = in + (width - 1) * 3;
    row[width - 1] = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
  }
  switch (filter) {
    case 0:
      for (int32_t x = 0; x < width; x++) luma[x] = luma_of(row[x]);
      return 0;
    case 1: {
      uint32_t a = row[0];
      uint8_t l = luma[0] = luma_of(a);
      for (int32_t x = 1; x < width; x++) {
        if (row[x] == 0) {
          row[x] = a;
          luma[x] = l;
          continue;
        }
        a = row[x] = add_bytes(row[x], a);
        l = luma[x] = luma_of(a);
      }
      return 0;
    }
    case 2:
      for (int32_t x = 0; x < width;) {
        int32_t start = x;
        while (x < width && row[x] == 0) x++;
        if (x > start) {
          /* A run of zero differences repeats the row above, its luminance included. */
          __builtin_memcpy(row + start, above + start, (uint32_t)(x - start) * 4);
          if (first) {
            for (int32_t i = start; i < x; i++) luma[i] = luma_of(row[i]);
          } else {
            __builtin_memcpy(luma + start, above_luma + start, (uint32_t)(x - start));
          }
        }
        for (; x < width && row[x] != 0; x++) {
          luma[x] = luma_of(row[x] = add_bytes(row[x], above[x]));
        }
      }
      return 0;
    case 3: {
      /* The first pixel's left neighbour is zero. */
      uint32_t a = row[0] = add_bytes(row[0], (above[0] >> 1) & 0x7f7f7f7fu);
      luma[0] = luma_of(a);
      for (int32_t x = 1; x < width; x++) {
        a = row[x] = add_bytes(row[x], average_bytes(a, above[x]));
        luma[x] = luma_of(a);
      }
      return 0;
    }
    default: {
      /* The first pixel has a zero left and upper-left: its predictor is the byte above. */
      uint32_t c = above[0];
      uint32_t a = row[0] = add_bytes(row[0], c);
      uint8_t l = luma[0] = luma_of(a);
      for (int32_t x = 1; x < width; x++) {
        if (row[x] == 0) {
          int32_t start = x;
          if (a == c) {
            /* Left equal to upper-left makes the predictor the pixel above (§9.4), and a zero
             * difference keeps it so: the run repeats the row above. */
            do x++;
            while (x < width && row[x] == 0);
            __builtin_memcpy(row + start, above + start, (uint32_t)(x - start) * 4);
            if (first) {
              for (int32_t i = start; i < x; i++) luma[i] = luma_of(row[i]);
            } else {
              __builtin_memcpy(luma + start, above_luma + start, (uint32_t)(x - start));
            }
            a = c = above[x - 1];
            l = luma[x - 1];
          } else if (above[x] == c) {
            /* Under a flat row the predictor is the left pixel: the run repeats it. */
            do x++;
            while (x < width && above[x] == c && row[x] == 0);
            for (int32_t i = start; i < x; i++) row[i] = a, luma[i] = l;
          }
          if (x == width) break;
        }
        uint32_t b = above[x];
        a = row[x] = add_bytes(row[x], b == c ? a : a == c ? b : paeth_bytes(a, b, c));
        l = luma[x] = luma_of(a);
        c = b;
      }
      return 0;
    }
  }
}
