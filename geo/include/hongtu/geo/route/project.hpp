#pragma once
// The route planner's view of a Hongtu project: the memorial sites (layer memorial_sites) as
// candidate stops and the county seats (layer county_seats, named through counties) as places
// where a tour starts, ends or spends the night. Used by `hongtu route` and the viewer's route
// panel, so both read a project the same way.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"
#include "hongtu/geo/route/route.hpp"
#include "hongtu/geo/text.hpp"

namespace hongtu::geo::route {

// One row of memorial_sites. `stop` is set when the row makes a valid stop; otherwise `problem`
// says why (no point, a duration that is not a number, opening hours that do not parse), naming
// the file, the layer and the feature.
struct SiteRecord {
    std::string id;
    std::string name;    // name_zh
    std::string county;  // as stored, e.g. "兴县", "柳林县"
    std::int64_t fid = 0;
    std::optional<Stop> stop;  // priority Must
    std::optional<Error> problem;
};

struct CountySeat {
    std::string county;  // "离石" for 离石区, "兴县" (one-character stems keep their suffix)
    std::string seat;    // seat town, e.g. "蔚汾镇"
    XY lonLat;
};

struct RouteProjectData {
    std::string path;
    std::vector<SiteRecord> sites;  // in layer order
    std::vector<CountySeat> seats;  // in layer order
};

// The typed-list splitter lives in geo/text.hpp; route::splitList names it for the route code.
using hongtu::geo::splitList;

// Reads memorial_sites and county_seats. A missing layer or field is an error naming the file
// and layer; a bad row is not (it becomes SiteRecord::problem).
[[nodiscard]] Result<RouteProjectData> loadRouteProject(const std::string& path);

// A county seat by county name (离石, 离石区, 兴县) or seat name (蔚汾镇), or "lon,lat". The
// error lists the known seats.
[[nodiscard]] Result<Place> findPlace(const RouteProjectData& data, const std::string& text);

// Every county seat as a place (the default overnight candidates).
[[nodiscard]] std::vector<Place> seatPlaces(const RouteProjectData& data);

// Does `site` belong to `county` (geo::sameCountyName: 柳林 = 柳林县, 兴 = 兴县, as joins match)?
[[nodiscard]] bool inCounty(const SiteRecord& site, const std::string& county);

}  // namespace hongtu::geo::route
