/*
 * The native decoders a desktop app would otherwise use, timed on one file in memory: libpng
 * (its simplified API, to 8-bit RGBA, as a browser engine decodes a PNG) and libjpeg-turbo (to
 * luminance, as `djpeg -grayscale` does). Built and run by bench/qr.bench.ts when a C compiler
 * and the libraries' headers are installed:
 *
 *   native-decode png|jpeg FILE RUNS   prints {"medianMs":…,"minMs":…,"width":…,"height":…}
 */
#include <stdio.h>
#include <stdlib.h>
/* jpeglib.h needs stdio.h's size_t and FILE first. */
#include <jpeglib.h>
#include <png.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int width, height;

static int decode_png(const unsigned char *data, size_t size) {
  png_image image;
  memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, data, size)) return 0;
  image.format = PNG_FORMAT_RGBA;
  png_bytep pixels = malloc(PNG_IMAGE_SIZE(image));
  int ok = pixels && png_image_finish_read(&image, NULL, pixels, 0, NULL);
  width = image.width;
  height = image.height;
  free(pixels);
  png_image_free(&image);
  return ok;
}

static int decode_jpeg(const unsigned char *data, size_t size) {
  struct jpeg_decompress_struct cinfo;
  struct jpeg_error_mgr err;
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, data, size);
  jpeg_read_header(&cinfo, TRUE);
  cinfo.out_color_space = JCS_GRAYSCALE;
  jpeg_start_decompress(&cinfo);
  size_t stride = (size_t)cinfo.output_width * cinfo.output_components;
  unsigned char *pixels = malloc(stride * cinfo.output_height);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = pixels + stride * cinfo.output_scanline;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  width = cinfo.output_width;
  height = cinfo.output_height;
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  free(pixels);
  return 1;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: native-decode png|jpeg FILE RUNS\n");
    return 2;
  }
  int png = strcmp(argv[1], "png") == 0;
  int runs = atoi(argv[3]);
  FILE *f = fopen(argv[2], "rb");
  if (!f || runs < 1 || runs > 1000) return 2;
  fseek(f, 0, SEEK_END);
  size_t size = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *data = malloc(size);
  if (!data || fread(data, 1, size, f) != size) return 2;
  fclose(f);
  double *times = malloc(sizeof(double) * runs);
  /* One untimed run first, as the JavaScript decoders get their warm-up. */
  if (!(png ? decode_png(data, size) : decode_jpeg(data, size))) return 1;
  for (int i = 0; i < runs; i++) {
    double start = now_ms();
    if (!(png ? decode_png(data, size) : decode_jpeg(data, size))) return 1;
    times[i] = now_ms() - start;
  }
  qsort(times, runs, sizeof(double), compare);
  printf("{\"medianMs\":%.3f,\"minMs\":%.3f,\"width\":%d,\"height\":%d}\n", times[runs / 2],
         times[0], width, height);
  return 0;
}
