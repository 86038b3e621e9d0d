// CRC-32C (Castagnoli), the checksum of redo records and data-file records: the SSE4.2
// instruction where the CPU has it, a table otherwise (same results).
#pragma once

#include <cstddef>
#include <cstdint>

namespace warden {

// Extends `crc` (0 for a fresh checksum) over [data, data + n).
uint32_t Crc32c(const void* data, size_t n, uint32_t crc = 0);

}  // namespace warden
