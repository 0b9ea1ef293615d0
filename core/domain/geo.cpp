#include "core/domain/geo.h"

namespace wardline {

bool PointInPolygon(const GeoPoint& p, const std::vector<GeoPoint>& polygon) {
  if (polygon.size() < 3) return false;
  bool inside = false;
  for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
    const GeoPoint& a = polygon[i];
    const GeoPoint& b = polygon[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) &&
        p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon) {
      inside = !inside;
    }
  }
  return inside;
}

std::string WardForPoint(const AppConfig& config, const GeoPoint& p) {
  for (const auto& w : config.wards) {
    if (PointInPolygon(p, w.boundary)) return w.slug;
  }
  return "";
}

}  // namespace wardline
