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
