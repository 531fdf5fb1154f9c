#include "CICU.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uversion.h>
#include <unicode/utf16.h>

static const UNormalizer2 *nfc_instance(void) {
  static const UNormalizer2 *nfc = 0;
  if (nfc == 0) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return 0;
    nfc = n;
  }
  return nfc;
}

int32_t vnx_nfc_init(void) {
  UErrorCode status = U_ZERO_ERROR;
  unorm2_getNFCInstance(&status);
  return U_FAILURE(status) ? (int32_t)status : 0;
}

int32_t vnx_nfc_has_boundary_before(uint32_t c) {
  const UNormalizer2 *nfc = nfc_instance();
  return nfc ? (int32_t)unorm2_hasBoundaryBefore(nfc, (UChar32)c) : 1;
}

int32_t vnx_nfc_is_yes(uint32_t c) {
  return u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
}

int32_t vnx_nfc_is_inert(uint32_t c) {
  const UNormalizer2 *nfc = nfc_instance();
  return nfc ? (int32_t)unorm2_isInert(nfc, (UChar32)c) : 1;
}

int32_t vnx_nfc_utf32(const uint32_t *src, int32_t len, uint32_t *dst, int32_t cap) {
  const UNormalizer2 *nfc = nfc_instance();
  if (!nfc) return -2;
  /* Segments are short (a base letter and its marks), so a stack buffer nearly always fits. */
  UChar in_stack[256], out_stack[256];
  if (len * 2 > 256) return -1;
  int32_t n16 = 0;
  for (int32_t i = 0; i < len; i++) {
    UChar32 c = (UChar32)src[i];
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    U16_APPEND_UNSAFE(in_stack, n16, c);
  }
  UErrorCode status = U_ZERO_ERROR;
  int32_t out16 = unorm2_normalize(nfc, in_stack, n16, out_stack, 256, &status);
  if (U_FAILURE(status)) return status == U_BUFFER_OVERFLOW_ERROR ? -1 : -2;
  int32_t i = 0, n32 = 0;
  while (i < out16) {
    UChar32 c;
    U16_NEXT(out_stack, i, out16, c);
    if (n32 >= cap) return -1;
    dst[n32++] = (uint32_t)c;
  }
  return n32;
}

int32_t vnx_nfc_span_quick_check_yes(const uint16_t *src, int32_t len) {
  const UNormalizer2 *nfc = nfc_instance();
  if (!nfc) return 0;
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = unorm2_spanQuickCheckYes(nfc, (const UChar *)src, len, &status);
  return U_FAILURE(status) ? 0 : n;
}

const char *vnx_icu_version(void) {
  static char buffer[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, buffer);
  return buffer;
}
