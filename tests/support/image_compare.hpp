#pragma once
// The one image comparison of the tests: reference images (render_reference_test, export
// pages), raster against vector output (map_renderer_test), and its own test
// (image_compare_test).
//
// Policy: a pixel differs when one of its channels (R, G, B, A) differs by more than
// `channel`; two images are the same picture when at most `maxDifferingShare` of their pixels
// differ. The defaults (kReferenceTolerance) are for pictures the renderer draws twice on the same
// raster engine. A caller that needs other numbers passes its own ImageTolerance and says why
// beside it (another rasteriser, fonts). worstTileError measures a local change (one marker,
// one label) that a share over a large image would hide.
//
// HONGTU_UPDATE_REFERENCES=1 (and only "1") rewrites the reference images instead of comparing.

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QString>

#include "tile_error.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace hongtu::test {

struct ImageTolerance {
    int channel = 24;                  // 0-255: a larger difference on any channel makes a pixel differ
    double maxDifferingShare = 0.005;  // of all pixels
    int sizeSlack = 0;                 // width and height may differ by this many pixels (compared on the overlap)
};
inline constexpr ImageTolerance kReferenceTolerance{};

struct ImageDifference {
    double differingShare = 1;  // of the compared pixels; 1 when the sizes do not fit
    QString problem;            // why the images cannot be compared (size), empty otherwise
    [[nodiscard]] bool within(const ImageTolerance& t) const { return problem.isEmpty() && differingShare <= t.maxDifferingShare; }
};

inline ImageDifference compareImages(const QImage& actualIn, const QImage& expectedIn, const ImageTolerance& t = kReferenceTolerance) {
    const QImage a = actualIn.convertToFormat(QImage::Format_ARGB32);
    const QImage e = expectedIn.convertToFormat(QImage::Format_ARGB32);
    if (std::abs(a.width() - e.width()) > t.sizeSlack || std::abs(a.height() - e.height()) > t.sizeSlack)
        return {1, QStringLiteral("size %1x%2, reference %3x%4").arg(a.width()).arg(a.height()).arg(e.width()).arg(e.height())};
    const int w = std::min(a.width(), e.width()), h = std::min(a.height(), e.height());
    if (w <= 0 || h <= 0) return {1, QStringLiteral("an empty image")};
    long differing = 0;
    for (int y = 0; y < h; ++y) {
        const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* pe = reinterpret_cast<const QRgb*>(e.constScanLine(y));
        for (int x = 0; x < w; ++x) {
            const int d = std::max({std::abs(qRed(pa[x]) - qRed(pe[x])), std::abs(qGreen(pa[x]) - qGreen(pe[x])),
                                    std::abs(qBlue(pa[x]) - qBlue(pe[x])), std::abs(qAlpha(pa[x]) - qAlpha(pe[x]))});
            if (d > t.channel) ++differing;
        }
    }
    return {static_cast<double>(differing) / (static_cast<double>(w) * h), {}};
}

// The largest mean absolute difference (0-255, over R, G, B) of any `tile` x `tile` square.
// The images must have the same size.
inline double worstTileError(const QImage& a, const QImage& b, int tile = 32) {
    REQUIRE(a.size() == b.size());
    return tileError(a, b, tile).worst;
}

// True when HONGTU_UPDATE_REFERENCES is "1".
inline bool updatingReferences() {
    const char* update = std::getenv("HONGTU_UPDATE_REFERENCES");
    return update && std::string(update) == "1";
}

// Checks that `image` is the same picture as the reference file. On a mismatch the image is saved
// as <temp>/hongtu_actual_<actualName>.png for a look (actualName: the reference's name).
inline void checkSamePicture(const QImage& image, const QString& referencePath, const ImageTolerance& t = kReferenceTolerance,
                             QString actualName = {}) {
    const QImage reference(referencePath);
    INFO("reference " << referencePath.toStdString() << " (missing? run with HONGTU_UPDATE_REFERENCES=1 and look at it)");
    REQUIRE_FALSE(reference.isNull());
    const ImageDifference d = compareImages(image, reference, t);
    INFO(d.problem.toStdString());
    INFO("differing pixels: " << d.differingShare * 100 << "% (at most " << t.maxDifferingShare * 100 << "%)");
    if (!d.within(t)) {
        if (actualName.isEmpty()) actualName = QFileInfo(referencePath).completeBaseName();
        const QString actual = QDir::tempPath() + QStringLiteral("/hongtu_actual_%1.png").arg(actualName);
        image.save(actual);
        WARN("this image: " << actual.toStdString());
    }
    CHECK(d.within(t));
}

// checkSamePicture, or with HONGTU_UPDATE_REFERENCES=1 writes `image` as the new reference.
inline void checkAgainstReference(const QImage& image, const QString& referencePath, const ImageTolerance& t = kReferenceTolerance) {
    if (updatingReferences()) {
        QDir().mkpath(QFileInfo(referencePath).absolutePath());
        REQUIRE(image.save(referencePath));
        WARN("reference rewritten: " << referencePath.toStdString());
        return;
    }
    checkSamePicture(image, referencePath, t);
}

}  // namespace hongtu::test
