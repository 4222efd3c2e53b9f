<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>hongtu::render::Project</name>
    <message>
        <source>Counties</source>
        <translation>县(市、区)</translation>
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
    <name>hongtu::ui::MainWindow</name>
    <message>
        <source>Hongtu — Lüliang grassroots construction</source>
        <translation>宏图 — 吕梁市三基建设</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
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
        <source>E %1  N %2 (%3)</source>
        <translation>东 %1  北 %2 (%3)</translation>
    </message>
    <message>
        <source>Scale %1</source>
        <translation>比例尺 %1</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
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
        <source>Import table…</source>
        <translation>导入表格…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Hongtu</source>
        <translation>宏图</translation>
    </message>
    <message>
        <source>The project could not be read again.</source>
        <translation>无法重新读取项目。</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Feature attributes</source>
        <translation>要素属性</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) selected</source>
        <translation>
            <numerusform>已选择 %n 个要素</numerusform>
        </translation>
    </message>
    <message>
        <source>Whole area</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>County:</source>
        <translation>县：</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>属性表</translation>
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
</context>
</TS>
