// Locating a shared map point in a configured ward boundary.
#pragma once

#include <string>

#include "core/domain/config.h"

namespace wardline {

// Ray-casting point-in-polygon; the polygon's points are (lat, lon) in order.
bool PointInPolygon(const GeoPoint& p, const std::vector<GeoPoint>& polygon);

// Slug of the first ward whose boundary contains `p`, or "" when none does.
std::string WardForPoint(const AppConfig& config, const GeoPoint& p);

}  // namespace wardline
