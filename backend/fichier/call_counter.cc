#include "backend/fichier/call_counter.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace backend::fichier {

int64_t CallCounter::Total() const {
  int64_t total = 0;
  for (const auto& c : counts_) total += c.load(std::memory_order_relaxed);
  return total;
}

std::string CallCounter::Report() const {
  std::vector<std::pair<std::string_view, int64_t>> rows;
  for (size_t i = 0; i < kEndpointCount; ++i) {
    const int64_t n = counts_[i].load(std::memory_order_relaxed);
    if (n > 0) rows.emplace_back(EndpointName(static_cast<Endpoint>(i)), n);
  }
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const auto& [name, n] : rows) {
    out.append(name).append("=").append(std::to_string(n)).append(" ");
  }
  out.append("(total ").append(std::to_string(Total())).append(")");
  return out;
}

}  // namespace backend::fichier
