// Fuzz target: the indexer's JSONL, CSV and TSV record readers on a file of any bytes.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "indexer/input/record_reader.h"

using namespace marsad::indexer;

namespace {

/** A folder of its own under TMPDIR for the one input file, removed at exit. */
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string name = (std::filesystem::temp_directory_path() / "marsad-fuzz-XXXXXX").string();
    if (!mkdtemp(name.data())) std::abort();
    path = name;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const TempDir dir;
  static const FieldMap fields;
  if (size == 0) return 0;
  // The first byte picks the format and whether fields are cut short, as --max-doc-bytes does.
  const unsigned choice = data[0];
  std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  const InputFormat formats[] = {InputFormat::Jsonl, InputFormat::Csv, InputFormat::Tsv};
  InputFile file;
  file.format = formats[choice % 3];
  file.path = (dir.path / "input").string();
  file.relative_name = "input";
  file.size = content.size();
  {
    std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  ReaderOptions options;
  if (choice & 0x80) options.max_field_bytes = 1 + (choice & 0x0F);

  auto reader = open_reader(file, fields, options);
  Record record;
  std::optional<ReadProblem> problem;
  while (reader->next(record, problem)) {
    if (problem) continue;
    record.extra.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (reader->bytes_read() > content.size()) std::abort();
  }
  return 0;
}
