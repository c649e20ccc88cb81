#include "common/text/stopwords.h"

#include "common/embedded.h"
#include "common/errors.h"
#include "common/io/input_stream.h"
#include "common/text/normalizer.h"

namespace marsad::text {

const StopWordList& StopWordList::builtin() {
  static const StopWordList list = from_text(embedded::stopwords_txt());
  return list;
}

StopWordList StopWordList::from_file(const std::string& path) {
  const std::string content = io::read_whole_file(path);
  try {
    return from_text(content);
  } catch (const InvalidUtf8Error& e) {
    throw InputError(path + ": " + e.what());
  }
}

StopWordList StopWordList::from_text(std::string_view text) {
  Normalizer normalizer;
  StopWordList list;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    list.words_.insert(normalizer.normalize(line));
  }
  return list;
}

Xapian::Stopper* StopWordList::new_query_stopper() const {
  auto* stopper = new Xapian::SimpleStopper(words_.begin(), words_.end());
  return stopper->release();
}

}  // namespace marsad::text
