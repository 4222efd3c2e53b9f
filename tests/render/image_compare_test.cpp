// The tests' one image comparison (image_compare.hpp) sees what it must: a wrong colour over
// 1% of the pixels, a changed tile, a size change; and lets anti-aliasing noise pass.

#include <catch2/catch_test_macros.hpp>

#include <QImage>
#include <QPainter>

#include <cstdlib>
#include <optional>
#include <string>

#include "image_compare.hpp"

using namespace hongtu;

namespace {
QImage white(int w, int h) {
    QImage image(w, h, QImage::Format_ARGB32);
    image.fill(Qt::white);
    return image;
}
}  // namespace

TEST_CASE("image_compare: the same picture has no differing pixels and no tile error", "[image_compare]") {
    const QImage a = white(100, 100);
    const auto d = test::compareImages(a, a);
    CHECK(d.differingShare == 0);
    CHECK(d.problem.isEmpty());
    CHECK(test::worstTileError(a, a) == 0);
}

TEST_CASE("image_compare: noise within the channel tolerance passes, 1% of wrong pixels fails", "[image_compare]") {
    const QImage a = white(100, 100);
    QImage b = a;
    QPainter p(&b);
    p.fillRect(0, 0, 10, 10, QColor(0xf0, 0xf0, 0xf0));  // within the tolerance (15 of 24)
    p.end();
    CHECK(test::compareImages(a, b).differingShare == 0);
    CHECK(test::compareImages(a, b).within(test::kReferenceTolerance));
    p.begin(&b);
    p.fillRect(50, 50, 10, 10, Qt::black);  // 1% of the pixels: too many
    p.end();
    const auto d = test::compareImages(a, b);
    CHECK(d.differingShare == 0.01);
    CHECK_FALSE(d.within(test::kReferenceTolerance));
}

TEST_CASE("image_compare: a changed tile is detected by the share and by the tile error", "[image_compare]") {
    const QImage a = white(256, 256);
    QImage b = a;
    QPainter p(&b);
    p.fillRect(64, 96, 32, 32, QColor(0xd7, 0x26, 0x1e));  // one 32x32 tile turns red: 1.6% of the pixels
    p.end();
    CHECK_FALSE(test::compareImages(a, b).within(test::kReferenceTolerance));
    CHECK(test::worstTileError(a, b) > 100);
    // A single wrong marker (8x8 pixels, 0.1%) hides in the share of a large image but not in its
    // tile (64 of 1024 pixels off by 255: a mean of 16).
    QImage c = a;
    p.begin(&c);
    p.fillRect(200, 8, 8, 8, Qt::black);
    p.end();
    CHECK(test::compareImages(a, c).within(test::kReferenceTolerance));
    CHECK(test::worstTileError(a, c) > 12);
}

TEST_CASE("image_compare: another size is a problem unless the slack allows it", "[image_compare]") {
    const QImage a = white(100, 100);
    CHECK_FALSE(test::compareImages(a, white(50, 50)).problem.isEmpty());
    CHECK_FALSE(test::compareImages(a, white(101, 100)).within(test::kReferenceTolerance));
    test::ImageTolerance slack = test::kReferenceTolerance;
    slack.sizeSlack = 1;
    CHECK(test::compareImages(a, white(101, 100), slack).within(slack));
}

TEST_CASE("image_compare: only HONGTU_UPDATE_REFERENCES=1 rewrites references", "[image_compare]") {
    const char* before = std::getenv("HONGTU_UPDATE_REFERENCES");
    const std::optional<std::string> saved = before ? std::optional<std::string>(before) : std::nullopt;
    ::setenv("HONGTU_UPDATE_REFERENCES", "1", 1);
    CHECK(test::updatingReferences());
    for (const char* other : {"0", "yes", ""}) {
        ::setenv("HONGTU_UPDATE_REFERENCES", other, 1);
        CHECK_FALSE(test::updatingReferences());
    }
    ::unsetenv("HONGTU_UPDATE_REFERENCES");
    CHECK_FALSE(test::updatingReferences());
    if (saved) ::setenv("HONGTU_UPDATE_REFERENCES", saved->c_str(), 1);
}
