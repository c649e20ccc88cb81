#pragma once
// Data files linked into the binary at build time (cmake/EmbedFile.cmake).
#include <string_view>

#define MARSAD_DECLARE_EMBEDDED(symbol)                              \
  extern "C" const char marsad_embedded_##symbol##_begin[];          \
  extern "C" const char marsad_embedded_##symbol##_end[];            \
  namespace marsad::embedded {                                       \
  inline std::string_view symbol() {                                 \
    return {marsad_embedded_##symbol##_begin,                        \
            static_cast<std::size_t>(marsad_embedded_##symbol##_end - \
                                     marsad_embedded_##symbol##_begin)}; \
  }                                                                  \
  }

MARSAD_DECLARE_EMBEDDED(hunspell_ar_dic)
MARSAD_DECLARE_EMBEDDED(hunspell_ar_aff)
MARSAD_DECLARE_EMBEDDED(places_tsv)
MARSAD_DECLARE_EMBEDDED(actors_tsv)
MARSAD_DECLARE_EMBEDDED(stopwords_txt)
MARSAD_DECLARE_EMBEDDED(broken_plurals_tsv)
MARSAD_DECLARE_EMBEDDED(spelling_variants_tsv)
MARSAD_DECLARE_EMBEDDED(icu_places_tsv)
MARSAD_DECLARE_EMBEDDED(cue_given_names_tsv)
MARSAD_DECLARE_EMBEDDED(cue_titles_tsv)
MARSAD_DECLARE_EMBEDDED(cue_org_heads_tsv)
MARSAD_DECLARE_EMBEDDED(cue_reporting_verbs_tsv)
MARSAD_DECLARE_EMBEDDED(cue_attribution_tsv)
MARSAD_DECLARE_EMBEDDED(cue_claim_triggers_tsv)
MARSAD_DECLARE_EMBEDDED(cue_counted_nouns_tsv)
MARSAD_DECLARE_EMBEDDED(cue_negation_tsv)
