// The schemas of both engines as lists of migrations (internal).
//
// Migration N brings the schema from version N-1 to N and runs in one
// transaction. Never edit a released migration; append a new one to both
// lists, so a version number means the same tables on either engine.
#ifndef STORYLINE_STORE_INTERNAL_SCHEMA_H_
#define STORYLINE_STORE_INTERNAL_SCHEMA_H_

#include <cstddef>

namespace storyline::store::internal {

extern const char* const kMigrations[];  // SQLite
extern const size_t kMigrationCount;

// PostgreSQL, kPgMigrationCount == kMigrationCount. PostgreSQL support
// began at schema 5: entries 1-4 are empty and entry 5 creates it all.
extern const char* const kPgMigrations[];
extern const size_t kPgMigrationCount;

}  // namespace storyline::store::internal

#endif  // STORYLINE_STORE_INTERNAL_SCHEMA_H_
