#pragma once
// How analysed text becomes the terms of a Xapian document, as schema.h describes them.
#include <vector>

#include <xapian.h>

#include "common/text/analyzer.h"

namespace marsad {

/**
 * Adds the terms of analysed text: schema::kStemPrefix + stem at each token's position (for free
 * text and phrases) and the normalized word without position (for exact words). Positions are
 * first_position + token position - 1; each occurrence adds wdf. A title's stems are added once more
 * with schema::kTitleStemPrefix (wdf 1), for title: searches. Returns the last position used.
 */
enum class TextField { Title, Body };
Xapian::termpos add_text_terms(Xapian::Document& doc, const std::vector<text::AnalyzedToken>& tokens,
                               Xapian::termpos first_position, Xapian::termcount wdf, TextField field);

/** The value of schema::kFacetKeysSlot for a document whose actor, place, claim, claimant, source,
 *  date and story slots are set. */
std::string facet_keys(const Xapian::Document& doc);

/** Puts a document in story `story_id`: its story term (the one before removed) and value, and
 *  its facet keys again. */
void set_story(Xapian::Document& doc, const std::string& story_id);

}  // namespace marsad
