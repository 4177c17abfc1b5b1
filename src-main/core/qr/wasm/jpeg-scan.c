/*
 * The entropy-coded data of a baseline JPEG scan turned into the luminance plane, compiled to
 * WebAssembly (scripts/build-wasm.ts): jpeg-luma.ts reads the headers and hands this module the
 * file, the Huffman tables, the luminance quantisation table and the scan's layout. Compiled
 * ahead of time, a command's one decode runs at full speed from its first block, where JavaScript
 * would run unoptimised until the JIT caught up; and a decoder of untrusted files that can touch
 * only its own memory is a safer one.
 *
 * Colour blocks are entropy-decoded only to reach the next block; luminance blocks are
 * dequantised and transformed by libjpeg's accurate integer inverse DCT (jidctint), so the plane
 * matches `djpeg -grayscale`. Past the data (a marker or the file's end) the bit reader reads zero
 * bits and counts them, so a scan that needed any of them is known to be cut short. Built with
 * -fwrapv: arithmetic on hostile coefficients wraps, as WebAssembly's does, and is never undefined.
 */
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(#name))) name

#define LOOKUP_BITS 13
#define LOOKUP_SIZE (1 << LOOKUP_BITS)
#define LOOKUP_MASK (LOOKUP_SIZE - 1)

/* Results other than a position: what jpeg-luma.ts reports as damage. */
#define ENDS_EARLY -1
#define NO_RESTART -2
#define BAD_CODE -3
#define BAD_COEFFICIENT -4
#define BAD_POSITION -5
#define BAD_TABLE -6
#define BAD_LAYOUT -7

static const uint8_t ZIGZAG[64] = {
    0,  1,  8,  16, 9,  2,  3,  10, 17, 24, 32, 25, 18, 11, 4,  5,  12, 19, 26, 33, 40, 48,
    41, 34, 27, 20, 13, 6,  7,  14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23,
    30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

typedef struct {
  /* Codes up to LOOKUP_BITS long: (length << 8) | symbol, indexed by the next bits; 0 = longer. */
  uint16_t lookup[LOOKUP_SIZE];
  /*
   * Codes whose code and value bits fit in LOOKUP_BITS: for an AC table
   * (value << 8) | (run << 4) | bits used, or an end of block as its length alone; for a DC table
   * (difference << 8) | 16 | bits used. 0 = neither.
   */
  int32_t fast[LOOKUP_SIZE];
  int32_t max_code[18];
  int32_t value_offset[18];
  uint8_t symbols[256];
} Table;

/* Slots 0-3 are DC tables, 4-7 AC tables. */
static Table tables[8];

/* Shared with JavaScript: where it writes counts and symbols, the layout, the quantisation. */
static uint8_t table_counts[16];
static uint8_t table_symbols[256];
static int32_t zigzag_quant[64];
/* Per block of an MCU: scan component, 1 if luminance, offset in the plane; at most 10 blocks. */
static int32_t plan_scan[10];
static int32_t plan_luma[10];
static int32_t plan_offset[10];
/* Per scan component (at most 4): DC and AC table slots. */
static int32_t scan_dc[4];
static int32_t scan_ac[4];

uint8_t *EXPORT(counts_area)(void) { return table_counts; }
uint8_t *EXPORT(symbols_area)(void) { return table_symbols; }
int32_t *EXPORT(quant_area)(void) { return zigzag_quant; }
int32_t *EXPORT(plan_scan_area)(void) { return plan_scan; }
int32_t *EXPORT(plan_luma_area)(void) { return plan_luma; }
int32_t *EXPORT(plan_offset_area)(void) { return plan_offset; }
int32_t *EXPORT(scan_dc_area)(void) { return scan_dc; }
int32_t *EXPORT(scan_ac_area)(void) { return scan_ac; }

extern unsigned char __heap_base;

/* The first free byte of memory: the file and the plane go there, laid out by JavaScript. */
uint8_t *EXPORT(heap_start)(void) { return &__heap_base; }

/* Builds table `slot` from table_counts and table_symbols; 0, or BAD_TABLE. */
int EXPORT(build_table)(int slot) {
  if (slot < 0 || slot > 7) return BAD_TABLE;
  Table *t = &tables[slot];
  int ac = slot >= 4;
  for (int i = 0; i < LOOKUP_SIZE; i++) t->lookup[i] = 0, t->fast[i] = 0;
  for (int i = 0; i < 18; i++) t->max_code[i] = -1, t->value_offset[i] = 0;
  int total = 0;
  for (int i = 0; i < 16; i++) total += table_counts[i];
  if (total > 256) return BAD_TABLE;
  for (int i = 0; i < total; i++) t->symbols[i] = table_symbols[i];
  /* As libjpeg: a DC difference has at most 15 bits. */
  if (!ac) {
    for (int i = 0; i < total; i++) {
      if (table_symbols[i] > 15) return BAD_TABLE;
    }
  }
  int code = 0, k = 0;
  for (int length = 1; length <= 16; length++) {
    int n = table_counts[length - 1];
    /* The codes of this length must fit it, the all-ones code excepted (as libjpeg has it), and
     * are checked before any is entered in the look-up table. */
    if (code + n >= 1 << length && n > 0) return BAD_TABLE;
    t->value_offset[length] = k - code;
    for (int j = 0; j < n; j++, k++, code++) {
      if (length <= LOOKUP_BITS) {
        int shift = LOOKUP_BITS - length;
        uint16_t entry = (uint16_t)((length << 8) | t->symbols[k]);
        for (int at = code << shift; at < (code + 1) << shift; at++) t->lookup[at] = entry;
      }
    }
    if (n > 0) t->max_code[length] = code - 1;
    code <<= 1;
  }
  for (int peek = 0; peek < LOOKUP_SIZE; peek++) {
    int entry = t->lookup[peek];
    if (entry == 0) continue;
    int length = entry >> 8;
    int symbol = entry & 255;
    if (ac) {
      int run = symbol >> 4, size = symbol & 15;
      if (size == 0 && run == 0) {
        t->fast[peek] = length;
        continue;
      }
      if (size == 0 || length + size > LOOKUP_BITS) continue;
      int bits = (peek >> (LOOKUP_BITS - length - size)) & ((1 << size) - 1);
      int value = bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;
      t->fast[peek] = (int32_t)((uint32_t)value << 8) | (run << 4) | (length + size);
    } else {
      int size = symbol;
      if (size > 15 || length + size > LOOKUP_BITS) continue;
      int value = 0;
      if (size > 0) {
        int bits = (peek >> (LOOKUP_BITS - length - size)) & ((1 << size) - 1);
        value = bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;
      }
      t->fast[peek] = (int32_t)((uint32_t)value << 8) | 16 | (length + size);
    }
  }
  return 0;
}

/* The bit reader. */
static const uint8_t *data;
static int32_t length;
static int32_t pos;
static uint32_t bits;
static int32_t count;
static int32_t padding;
static int at_marker;
static int32_t failure;

/* Keeps the first failure: what went wrong first is what the file is refused for. */
static void fail(int32_t why) {
  if (!failure) failure = why;
}

static void fill(void) {
  if (!at_marker && pos + 1 < length && data[pos] != 0xff && data[pos + 1] != 0xff) {
    bits = (bits << 16) | ((uint32_t)data[pos] << 8) | data[pos + 1];
    count += 16;
    pos += 2;
    return;
  }
  while (count <= 16) {
    uint32_t byte = 0;
    if (!at_marker && pos < length) {
      byte = data[pos];
      if (byte == 0xff) {
        if (pos + 1 < length && data[pos + 1] == 0x00) {
          pos += 2;
        } else {
          at_marker = 1;
          byte = 0;
          padding++;
        }
      } else {
        pos++;
      }
    } else {
      padding++;
    }
    bits = (bits << 8) | byte;
    count += 8;
  }
}

static int decode_symbol(const Table *t) {
  if (count <= 16) fill();
  int entry = t->lookup[(bits >> (count - LOOKUP_BITS)) & LOOKUP_MASK];
  if (entry != 0) {
    count -= entry >> 8;
    return entry & 255;
  }
  for (int len = LOOKUP_BITS + 1; len <= 16; len++) {
    int code = (int)((bits >> (count - len)) & ((1u << len) - 1));
    if (code <= t->max_code[len]) {
      count -= len;
      return t->symbols[(t->value_offset[len] + code) & 255];
    }
  }
  fail(BAD_CODE);
  return 0;
}

/* `size` bits as a signed value (JPEG's EXTEND). */
static int receive(int size) {
  if (size == 0) return 0;
  if (size > 16) {
    fail(BAD_COEFFICIENT);
    return 0;
  }
  if (count < size) fill();
  int v = (int)((bits >> (count - size)) & ((1u << size) - 1));
  count -= size;
  return v < 1 << (size - 1) ? v - (1 << size) + 1 : v;
}

static int read_dc(const Table *t) {
  if (count <= 16) fill();
  int32_t fast = t->fast[(bits >> (count - LOOKUP_BITS)) & LOOKUP_MASK];
  if (fast != 0) {
    count -= fast & 15;
    return fast >> 8;
  }
  return receive(decode_symbol(t));
}

/* What next_ac read. */
#define END_OF_BLOCK 0
#define COEFFICIENT 1
#define SIXTEEN_ZEROS 2

/*
 * The next AC symbol of a block, the colour blocks' and the luminance blocks' alike: *k moves past
 * the zeros it names (a coefficient's run, or sixteen), and a coefficient's value goes to *value.
 */
static inline int next_ac(const Table *ac, int *k, int *value) {
  if (count <= 16) fill();
  int32_t fast = ac->fast[(bits >> (count - LOOKUP_BITS)) & LOOKUP_MASK];
  if (fast != 0) {
    count -= fast & 15;
    if (fast >> 4 == 0) return END_OF_BLOCK;
    *k += (fast >> 4) & 15;
    *value = fast >> 8;
    return COEFFICIENT;
  }
  int rs = decode_symbol(ac);
  int size = rs & 15;
  if (size == 0) {
    if (rs != 0xf0) return END_OF_BLOCK;
    *k += 16;
    return SIXTEEN_ZEROS;
  }
  *k += rs >> 4;
  *value = receive(size);
  return COEFFICIENT;
}

static void skip_block(const Table *dc, const Table *ac) {
  read_dc(dc);
  int value;
  for (int k = 1; k < 64 && !failure;) {
    int read = next_ac(ac, &k, &value);
    if (read == END_OF_BLOCK) break;
    if (read == COEFFICIENT) k++;
  }
}

/* The block being read, dequantised, natural order; the inverse DCT leaves it all zero. */
static int32_t block[64];
static int32_t work[64];
static int ac_count;
static int ac_columns;

/* Bit of the column of each position in file order, if it lies below the first row. */
static uint8_t lower_column[64];

static int read_block(const Table *dc, const Table *ac, int predictor) {
  int columns = 0, coefficients = 0;
  int value = predictor + read_dc(dc);
  block[0] = value * zigzag_quant[0];
  for (int k = 1; k < 64 && !failure;) {
    int coefficient;
    int read = next_ac(ac, &k, &coefficient);
    if (read == END_OF_BLOCK) break;
    if (read == SIXTEEN_ZEROS) continue;
    if (k > 63) {
      fail(BAD_POSITION);
      break;
    }
    block[ZIGZAG[k]] = coefficient * zigzag_quant[k];
    columns |= lower_column[k];
    coefficients++;
    k++;
  }
  ac_columns = columns;
  ac_count = coefficients;
  return value;
}

#define CONST_BITS 13
#define PASS1_BITS 2
#define FIX_0_298631336 2446
#define FIX_0_390180644 3196
#define FIX_0_541196100 4433
#define FIX_0_765366865 6270
#define FIX_0_899976223 7373
#define FIX_1_175875602 9633
#define FIX_1_501321110 12299
#define FIX_1_847759065 15137
#define FIX_1_961570560 16069
#define FIX_2_053119869 16819
#define FIX_2_562915447 20995
#define FIX_3_072711026 25172

static inline uint32_t clamp(int32_t v) { return v < 0 ? 0 : v > 255 ? 255 : (uint32_t)v; }

/* A block with only its DC coefficient, as jidctint computes it, without the passes. */
static void fill_flat(int32_t dc, uint32_t *words, int32_t at, int32_t stride) {
  uint32_t v = clamp((((dc << PASS1_BITS) + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) + 128);
  uint32_t word = v * 0x01010101u;
  for (int r = 0; r < 8; r++, at += stride) words[at] = words[at + 1] = word;
}

/* libjpeg's jidctint on the block into the plane (in 4-byte words), zeroing the block. */
static void inverse_dct(uint32_t *words, int32_t at, int32_t stride) {
  int32_t *b = block, *w = work;
  for (int c = 0; c < 8; c++) {
    if ((ac_columns & (1 << c)) == 0) {
      int32_t dcval = b[c] << PASS1_BITS;
      b[c] = 0;
      for (int r = 0; r < 64; r += 8) w[r + c] = dcval;
      continue;
    }
    int32_t z2 = b[16 + c], z3 = b[48 + c];
    int32_t z1 = (z2 + z3) * FIX_0_541196100;
    int32_t tmp2 = z1 + z3 * -FIX_1_847759065;
    int32_t tmp3 = z1 + z2 * FIX_0_765366865;
    z2 = b[c];
    z3 = b[32 + c];
    int32_t tmp0 = (z2 + z3) * (1 << CONST_BITS);
    int32_t tmp1 = (z2 - z3) * (1 << CONST_BITS);
    int32_t tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
    tmp0 = b[56 + c];
    tmp1 = b[40 + c];
    tmp2 = b[24 + c];
    tmp3 = b[8 + c];
    b[c] = b[8 + c] = b[16 + c] = b[24 + c] = b[32 + c] = b[40 + c] = b[48 + c] = b[56 + c] = 0;
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    int32_t z4 = tmp1 + tmp3;
    int32_t z5 = (z3 + z4) * FIX_1_175875602;
    z1 *= -FIX_0_899976223;
    z2 *= -FIX_2_562915447;
    z3 = z3 * -FIX_1_961570560 + z5;
    z4 = z4 * -FIX_0_390180644 + z5;
    tmp0 = tmp0 * FIX_0_298631336 + z1 + z3;
    tmp1 = tmp1 * FIX_2_053119869 + z2 + z4;
    tmp2 = tmp2 * FIX_3_072711026 + z2 + z3;
    tmp3 = tmp3 * FIX_1_501321110 + z1 + z4;
    const int shift = CONST_BITS - PASS1_BITS;
    const int32_t round = 1 << (shift - 1);
    w[c] = (tmp10 + tmp3 + round) >> shift;
    w[56 + c] = (tmp10 - tmp3 + round) >> shift;
    w[8 + c] = (tmp11 + tmp2 + round) >> shift;
    w[48 + c] = (tmp11 - tmp2 + round) >> shift;
    w[16 + c] = (tmp12 + tmp1 + round) >> shift;
    w[40 + c] = (tmp12 - tmp1 + round) >> shift;
    w[24 + c] = (tmp13 + tmp0 + round) >> shift;
    w[32 + c] = (tmp13 - tmp0 + round) >> shift;
  }
  const int shift = CONST_BITS + PASS1_BITS + 3;
  const int32_t round = 1 << (shift - 1);
  for (int r = 0; r < 64; r += 8, at += stride) {
    if ((w[r + 1] | w[r + 2] | w[r + 3] | w[r + 4] | w[r + 5] | w[r + 6] | w[r + 7]) == 0) {
      uint32_t v = clamp(((w[r] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) + 128);
      words[at] = words[at + 1] = v * 0x01010101u;
      continue;
    }
    int32_t z2 = w[r + 2], z3 = w[r + 6];
    int32_t z1 = (z2 + z3) * FIX_0_541196100;
    int32_t e2 = z1 + z3 * -FIX_1_847759065;
    int32_t e3 = z1 + z2 * FIX_0_765366865;
    int32_t e0 = (w[r] + w[r + 4]) * (1 << CONST_BITS);
    int32_t e1 = (w[r] - w[r + 4]) * (1 << CONST_BITS);
    int32_t tmp10 = e0 + e3, tmp13 = e0 - e3, tmp11 = e1 + e2, tmp12 = e1 - e2;
    int32_t o7 = w[r + 7], o5 = w[r + 5], o3 = w[r + 3], o1 = w[r + 1];
    int32_t z5 = (o7 + o3 + o5 + o1) * FIX_1_175875602;
    int32_t m1 = (o7 + o1) * -FIX_0_899976223;
    int32_t m2 = (o5 + o3) * -FIX_2_562915447;
    int32_t m3 = (o7 + o3) * -FIX_1_961570560 + z5;
    int32_t m4 = (o5 + o1) * -FIX_0_390180644 + z5;
    int32_t tmp0 = o7 * FIX_0_298631336 + m1 + m3;
    int32_t tmp1 = o5 * FIX_2_053119869 + m2 + m4;
    int32_t tmp2 = o3 * FIX_3_072711026 + m2 + m3;
    int32_t tmp3 = o1 * FIX_1_501321110 + m1 + m4;
    /* Eight samples as two little-endian words (WebAssembly's byte order). */
    words[at] = clamp(((tmp10 + tmp3 + round) >> shift) + 128) |
                clamp(((tmp11 + tmp2 + round) >> shift) + 128) << 8 |
                clamp(((tmp12 + tmp1 + round) >> shift) + 128) << 16 |
                clamp(((tmp13 + tmp0 + round) >> shift) + 128) << 24;
    words[at + 1] = clamp(((tmp13 - tmp0 + round) >> shift) + 128) |
                    clamp(((tmp12 - tmp1 + round) >> shift) + 128) << 8 |
                    clamp(((tmp11 - tmp2 + round) >> shift) + 128) << 16 |
                    clamp(((tmp10 - tmp3 + round) >> shift) + 128) << 24;
  }
}

/* After unread entropy-coded bytes: the next marker, restart markers included. */
static int32_t next_marker_or_restart(int32_t from) {
  for (int32_t i = from; i + 1 < length; i++) {
    if (data[i] != 0xff) continue;
    uint8_t next = data[i + 1];
    if (next == 0x00) {
      i++;
      continue;
    }
    if (next == 0xff) continue;
    return i;
  }
  return length;
}

static int restart(void) {
  if (padding * 8 > count) return ENDS_EARLY;
  int32_t at = at_marker ? pos : next_marker_or_restart(pos);
  if (at + 1 >= length || data[at] != 0xff) return NO_RESTART;
  uint8_t marker = data[at + 1];
  if (marker < 0xd0 || marker > 0xd7) return NO_RESTART;
  pos = at + 2;
  bits = 0;
  count = 0;
  padding = 0;
  at_marker = 0;
  return 0;
}

/* The scan being decoded, between calls of decode_scan_step. */
static int32_t scan_restart_interval, scan_components, scan_blocks, scan_mcus_across, scan_total,
    scan_mcu_width, scan_mcu_height, scan_plane_width, scan_mcu;
static uint8_t *scan_plane;
static int32_t predictors[4];

/* decode_scan_step's result while MCUs remain. */
#define MORE -100

/*
 * Starts a scan: the file is `file_length` bytes at `file`, its entropy-coded data from `start`;
 * the plane (`plane_width` wide, a multiple of 8) at `plane`. The MCU layout is in the plan areas
 * (`blocks` blocks an MCU), the tables in the scan areas (`components` of them).
 */
void EXPORT(decode_scan_begin)(const uint8_t *file, int32_t file_length, int32_t start,
                               int32_t restart_interval, int32_t components, int32_t blocks,
                               int32_t mcus_across, int32_t mcus_down, int32_t mcu_width,
                               int32_t mcu_height, uint8_t *plane, int32_t plane_width) {
  for (int k = 0; k < 64; k++) lower_column[k] = ZIGZAG[k] >= 8 ? 1 << (ZIGZAG[k] & 7) : 0;
  for (int k = 0; k < 64; k++) block[k] = 0;
  for (int s = 0; s < 4; s++) predictors[s] = 0;
  data = file;
  length = file_length;
  pos = start;
  bits = 0;
  count = 0;
  padding = 0;
  at_marker = 0;
  failure = 0;
  scan_restart_interval = restart_interval;
  scan_components = components;
  scan_blocks = blocks;
  scan_mcus_across = mcus_across;
  scan_total = mcus_across * mcus_down;
  scan_mcu_width = mcu_width;
  scan_mcu_height = mcu_height;
  scan_plane = plane;
  scan_plane_width = plane_width;
  scan_mcu = 0;
  /* The layout areas hold 10 blocks and 4 components (the spec's limits; jpeg-luma.ts checks). */
  if (blocks < 1 || blocks > 10 || components < 1 || components > 4) fail(BAD_LAYOUT);
}

/*
 * Decodes up to `mcus` more MCUs. Returns MORE while some remain, then where reading stopped (the
 * next marker is at or after it), or a negative failure. Called in steps so that the engine can
 * swap in its optimised code for this function between them: a single call would run to its end
 * in the first code it was given.
 */
int32_t EXPORT(decode_scan_step)(int32_t mcus) {
  uint32_t *words = (uint32_t *)scan_plane;
  int32_t plane_width = scan_plane_width, word_stride = plane_width >> 2;
  if (failure) return failure;
  int32_t end = scan_mcu + mcus < scan_total ? scan_mcu + mcus : scan_total;
  for (; scan_mcu < end; scan_mcu++) {
    int32_t mcu = scan_mcu;
    if (scan_restart_interval > 0 && mcu > 0 && mcu % scan_restart_interval == 0) {
      int r = restart();
      if (r) return r;
      for (int s = 0; s < scan_components; s++) predictors[s] = 0;
    }
    int32_t row = mcu / scan_mcus_across;
    int32_t origin =
        row * scan_mcu_height * plane_width + (mcu - row * scan_mcus_across) * scan_mcu_width;
    for (int b = 0; b < scan_blocks; b++) {
      int s = plan_scan[b];
      const Table *dc = &tables[scan_dc[s]], *ac = &tables[4 + scan_ac[s]];
      if (!plan_luma[b]) {
        skip_block(dc, ac);
      } else {
        predictors[s] = read_block(dc, ac, predictors[s]);
        if (failure) return failure;
        int32_t at = origin + plan_offset[b];
        if (ac_count == 0) {
          fill_flat(block[0], words, at >> 2, word_stride);
        } else {
          inverse_dct(words, at >> 2, word_stride);
        }
      }
      if (failure) return failure;
    }
  }
  if (scan_mcu < scan_total) return MORE;
  if (padding * 8 > count) return ENDS_EARLY;
  return pos;
}

/* Clears what is left of the last image: its last block, the transform's work and the reader. */
void EXPORT(forget)(void) {
  for (int k = 0; k < 64; k++) block[k] = work[k] = 0;
  for (int s = 0; s < 4; s++) predictors[s] = 0;
  bits = 0;
  count = 0;
  pos = 0;
  data = 0;
}
