// The SQLite schema as a list of migrations (internal).
//
// Migration N brings the schema from version N-1 to N and runs in one
// transaction. Never edit a released migration; append a new one.
#ifndef STORYLINE_STORE_INTERNAL_SCHEMA_H_
#define STORYLINE_STORE_INTERNAL_SCHEMA_H_

#include <cstddef>

namespace storyline::store::internal {

extern const char* const kMigrations[];
extern const size_t kMigrationCount;

}  // namespace storyline::store::internal

#endif  // STORYLINE_STORE_INTERNAL_SCHEMA_H_
