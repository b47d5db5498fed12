#include "storage/query.hpp"

namespace longghep {

IdPage page_of_ids(soci::session& s, const std::function<Query(const std::string& select)>& filtered,
                   const std::string& id_column, const std::string& order_by, int page, int page_size) {
  IdPage out;
  filtered("SELECT COUNT(*)").run(s, soci::into(out.total));
  Query q = filtered("SELECT " + id_column);
  q.append(order_by)
      .append_bound(" LIMIT ?", page_size)
      .append_bound(" OFFSET ?", (page - 1) * static_cast<long long>(page_size));
  long long id = 0;
  soci::statement st = q.prepare(s, soci::into(id));
  st.execute();
  while (st.fetch()) out.ids.push_back(id);
  return out;
}

}  // namespace longghep
