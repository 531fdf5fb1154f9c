#ifndef VNX_CICU_H
#define VNX_CICU_H

#include <stdint.h>

/// Plain C wrappers over the few ICU functions vnx needs. ICU renames its symbols with a
/// version suffix through macros (unorm2_normalize_72), which Swift cannot import, so the
/// rest of vnx calls these instead. No ICU type crosses this header.

/// Loads ICU's NFC data. Returns 0 on success, an ICU error code otherwise.
int32_t vnx_nfc_init(void);

/// 1 when NFC has a normalization boundary before `c` (it starts a new segment).
int32_t vnx_nfc_has_boundary_before(uint32_t c);

/// 1 when `c` alone is already NFC (its NFC_Quick_Check property is Yes).
int32_t vnx_nfc_is_yes(uint32_t c);

/// 1 when `c` is NFC-inert: it is never changed and never interacts with its neighbours.
int32_t vnx_nfc_is_inert(uint32_t c);

/// NFC-normalizes `len` code points from `src` into `dst` (capacity `cap` code points).
/// Returns the number of code points written, or a negative value on error
/// (-1 when `dst` is too small, -2 for any ICU failure).
int32_t vnx_nfc_utf32(const uint32_t *src, int32_t len, uint32_t *dst, int32_t cap);

/// Length of the leading UTF-16 prefix of `src` that ICU's quick check says is already NFC
/// (unorm2_spanQuickCheckYes). Used by the benchmark as a reference point.
int32_t vnx_nfc_span_quick_check_yes(const uint16_t *src, int32_t len);

/// The ICU version string, e.g. "72.1".
const char *vnx_icu_version(void);

#endif
