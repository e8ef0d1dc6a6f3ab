// Counts the requests actually sent, per endpoint. API calls are what 1fichier rations, so the
// backend reports these at -vv and tests assert on them.
#ifndef FICHIER_BACKEND_FICHIER_CALL_COUNTER_H_
#define FICHIER_BACKEND_FICHIER_CALL_COUNTER_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "backend/fichier/api_endpoint.h"

namespace backend::fichier {

class CallCounter {
 public:
  void Add(Endpoint endpoint) { counts_[Index(endpoint)].fetch_add(1, std::memory_order_relaxed); }
  int64_t Get(Endpoint endpoint) const {
    return counts_[Index(endpoint)].load(std::memory_order_relaxed);
  }
  int64_t Total() const;
  // "end.pl=1 file/ls.cgi=3 upload.cgi=1 (total 5)", endpoints with no call left out.
  std::string Report() const;

 private:
  static size_t Index(Endpoint e) { return static_cast<size_t>(e); }
  std::array<std::atomic<int64_t>, kEndpointCount> counts_{};
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_CALL_COUNTER_H_
