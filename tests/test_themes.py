"""ThemeModel: recovers clear groups with readable labels, is deterministic, predicts what it learned,
survives save/load, and agrees with human groupings of the dev-gold solutions better than a plain
TF-IDF + k-means baseline."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from pipeline.themes import ClassTfidf, ThemeModel, VietnameseWords
from tests.theme_gold import CATEGORIES, read_gold_solutions

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV_GOLD = SHARED / "eval" / "dev-gold"

# Original short texts written for these tests: three clear themes, ten texts each.
FLOODS = [
    "Tỉnh cần khẩn trương di dời người dân khỏi vùng sạt lở trước khi mưa lũ kéo dài.",
    "Lực lượng cứu hộ tiếp tục tìm kiếm người mất tích sau trận lũ quét đêm qua.",
    "Ủy ban hỗ trợ gạo và nước sạch cho các hộ dân bị ngập lụt ở vùng hạ du.",
    "Huyện lo chỗ ở tạm cho các hộ dân có nhà bị mưa lũ cuốn trôi.",
    "Các xã ven sông phải gia cố đê điều để người dân an toàn khi mưa lũ.",
    "Cần đánh giá thiệt hại do mưa lũ để hỗ trợ kinh phí khắc phục hậu quả thiên tai.",
    "Thành phố huy động xuồng máy cứu hộ đưa người dân vùng ngập lụt đến nơi an toàn.",
    "Đề nghị cảnh báo sớm nguy cơ sạt lở đất cho người dân sống ở sườn đồi.",
    "Trung ương cứu trợ lương thực khẩn cấp cho các tỉnh miền Trung bị thiên tai.",
    "Sau lũ quét, tỉnh xây dựng khu tái định cư mới cho các hộ ở vùng sạt lở.",
]
SCHOOLS = [
    "Nhà trường cần giảm áp lực thi cử cho học sinh lớp cuối cấp.",
    "Bộ Giáo dục đề nghị đổi mới sách giáo khoa theo hướng giảm tải cho học sinh.",
    "Giáo viên nên dành thời gian lắng nghe học sinh và phụ huynh nhiều hơn.",
    "Sở Giáo dục tổ chức bồi dưỡng giáo viên dạy chương trình mới ở tiểu học.",
    "Kỳ thi tốt nghiệp phổ thông phải được tổ chức nghiêm túc và công bằng cho thí sinh.",
    "Phụ huynh mong nhà trường tăng giờ học ngoại ngữ và kỹ năng sống cho học sinh.",
    "Trường học vùng cao cần thêm phòng học và nhà công vụ cho giáo viên.",
    "Học sinh nghèo vượt khó được trao học bổng để tiếp tục đến trường.",
    "Sở Giáo dục rà soát các khoản thu đầu năm học để tránh lạm thu ở trường học.",
    "Thí sinh cần ôn tập kỹ trước kỳ thi tốt nghiệp và tuyển sinh đại học.",
]
TRAFFIC = [
    "Sân bay cần phân luồng giao thông để giảm ùn tắc vào giờ cao điểm.",
    "Hãng hàng không tăng chuyến bay đêm để phục vụ hành khách dịp cao điểm.",
    "Cảng hàng không yêu cầu nhân viên hướng dẫn hành khách làm thủ tục nhanh hơn.",
    "Thành phố mở thêm tuyến xe buýt kết nối sân bay với trung tâm để giảm ùn tắc.",
    "Cảnh sát giao thông điều tiết phương tiện trên các tuyến đường quanh sân bay.",
    "Hành khách nên làm thủ tục trực tuyến để tránh xếp hàng ở nhà ga.",
    "Các hãng hàng không phải thông báo kịp thời khi chuyến bay bị chậm giờ.",
    "Nhà ga sân bay bố trí thêm quầy thủ tục cho hành khách đi máy bay dịp Tết.",
    "Cơ quan chức năng hạn chế xe đưa đón dừng đỗ trước nhà ga để chống ùn tắc giao thông.",
    "Người dân được khuyến cáo đến sân bay sớm vì ùn tắc giao thông kéo dài.",
]
TEXTS = FLOODS + SCHOOLS + TRAFFIC
GROUPS = [0] * len(FLOODS) + [1] * len(SCHOOLS) + [2] * len(TRAFFIC)


@pytest.fixture(scope="module")
def fitted() -> ThemeModel:
    return ThemeModel(n_themes=3, random_state=0).fit(TEXTS)


def test_themes_words_are_segmented_content_words() -> None:
    words = VietnameseWords()("Năm 2024, Bộ GTVT đề nghị chống ùn tắc tại sân bay Tân Sơn Nhất!")
    assert "ùn tắc" in words and "sân bay" in words and "Tân Sơn Nhất" in words and "GTVT" in words
    assert not any(w in words for w in ("2024", ",", "!", "đề nghị", "tại"))  # numbers, punctuation, stop words


def test_themes_fit_recovers_groups(fitted: ThemeModel) -> None:
    assert fitted.n_themes_ == 3
    assert adjusted_rand_score(GROUPS, fitted.labels_) >= 0.8


def test_themes_fit_returns_self_and_init_only_stores() -> None:
    model = ThemeModel(random_state=3)
    assert model.get_params()["vectorizer"] is None and not hasattr(model, "labels_")
    assert model.fit(TEXTS) is model
    assert 2 <= model.n_themes_ <= 30 and len(model.labels_) == len(TEXTS)


def test_themes_labels_are_multisyllable_words(fitted: ThemeModel) -> None:
    info = fitted.topic_info()
    for label, top_words in zip(info["label"], info["top_words"], strict=True):
        parts = label.split(", ")
        assert 2 <= len(parts) <= 4
        assert all(" " in p and p in fitted.vectorizer_.vocabulary_ for p in parts), label
        assert parts[0] in top_words
    labels = " | ".join(info["label"])
    assert "sân bay" in labels or "hành khách" in labels or "ùn tắc" in labels


def test_themes_topic_info_columns(fitted: ThemeModel) -> None:
    info = fitted.topic_info()
    assert list(info.columns) == ["theme", "label", "size", "top_words", "representative"]
    assert info["theme"].tolist() == [0, 1, 2]
    assert info["size"].sum() == len(TEXTS) and info["size"].is_monotonic_decreasing
    for row in info.itertuples():
        members = {t for t, label in zip(TEXTS, fitted.labels_, strict=True) if label == row.theme}
        assert row.representative in members


def test_themes_deterministic() -> None:
    a = ThemeModel(random_state=7).fit(TEXTS)
    b = ThemeModel(random_state=7).fit(list(TEXTS))
    assert np.array_equal(a.labels_, b.labels_)
    assert a.topic_info()["label"].tolist() == b.topic_info()["label"].tolist()


def test_themes_predict_agrees_with_labels(fitted: ThemeModel) -> None:
    assert np.mean(fitted.predict(TEXTS) == fitted.labels_) >= 0.95
    new = fitted.predict(["Cần sơ tán người dân khỏi vùng lũ quét.", "Hành khách xếp hàng dài ở sân bay."])
    assert new[0] == fitted.labels_[0] and new[1] == fitted.labels_[len(FLOODS) + len(SCHOOLS)]


def test_themes_text_without_content_is_outlier(fitted: ThemeModel) -> None:
    assert fitted.predict(["", "và của là", "2024!"]).tolist() == [-1, -1, -1]


def test_themes_save_load_round_trip(fitted: ThemeModel, tmp_path: Path) -> None:
    path = tmp_path / "themes.joblib"
    fitted.save(path)
    loaded = ThemeModel.load(path)
    probe = TEXTS + ["Trường học cần thêm giáo viên tiếng Anh.", "Mưa lớn gây ngập lụt diện rộng."]
    assert np.array_equal(loaded.predict(probe), fitted.predict(probe))
    assert loaded.topic_info().equals(fitted.topic_info())


def test_themes_load_rejects_other_files(tmp_path: Path) -> None:
    import joblib

    joblib.dump({"something": "else"}, tmp_path / "x.joblib")
    with pytest.raises(ValueError, match="not a saved ThemeModel"):
        ThemeModel.load(tmp_path / "x.joblib")


def test_themes_not_fitted_errors() -> None:
    model = ThemeModel()
    for call in (lambda: model.predict(["a"]), model.topic_info, lambda: model.save("x")):
        with pytest.raises(NotFittedError):
            call()


def test_themes_outliers_and_clusterers_without_predict() -> None:
    model = ThemeModel(clusterer=AgglomerativeClustering(n_clusters=3), random_state=0).fit(TEXTS + ["", "..."])
    assert model.labels_[-2:].tolist() == [-1, -1]
    info = model.topic_info()
    assert info["theme"].tolist() == [0, 1, 2, -1] and info["size"].iloc[-1] == 2
    assert np.mean(model.predict(TEXTS) == model.labels_[: len(TEXTS)]) >= 0.95  # nearest theme centroid


def test_themes_rejects_a_single_string() -> None:
    with pytest.raises(TypeError):
        ThemeModel().fit("một chuỗi")


def test_themes_parts_are_swappable_and_not_modified() -> None:
    vectorizer = TfidfVectorizer()
    clusterer = KMeans(n_clusters=5, n_init=2, random_state=1)
    labeller = ClassTfidf(label_words=2, prefer_multisyllable=False)
    model = ThemeModel(vectorizer=vectorizer, clusterer=clusterer, labeller=labeller, reducer="passthrough")
    model.fit(TEXTS)
    assert model.n_themes_ == 5 and not hasattr(vectorizer, "vocabulary_") and not hasattr(clusterer, "labels_")
    assert all(len(label.split(", ")) == 2 for label in model.topic_info()["label"])
    assert clone(model).get_params()["clusterer"].n_clusters == 5


# --------------------------------------------------------------------------- agreement with human groupings


def gold_solutions() -> tuple[list[str], list[str]]:
    """Texts and hand-made categories of the dev-gold solutions (texts read here, never stored)."""
    if not DEV_GOLD.is_dir():
        pytest.skip(f"{DEV_GOLD} not available (../shared is absent)")
    return read_gold_solutions(DEV_GOLD)


def agreement_scores(random_state: int = 0) -> dict[str, tuple[float, float]]:
    """(NMI, ARI) against the categories: ThemeModel (automatic and given k) and TF-IDF + k-means."""
    texts, groups = gold_solutions()
    k = len(set(groups))
    auto = ThemeModel(random_state=random_state).fit(texts)
    assert np.array_equal(auto.labels_, ThemeModel(random_state=random_state).fit(texts).labels_)  # deterministic
    assert np.mean(auto.predict(texts) == auto.labels_) >= 0.95
    found = {
        "ThemeModel(n_themes=None)": auto.labels_,
        f"ThemeModel(n_themes={k})": ThemeModel(n_themes=k, random_state=random_state).fit(texts).labels_,
        f"TfidfVectorizer + KMeans(k={k})": KMeans(n_clusters=k, random_state=random_state).fit_predict(
            TfidfVectorizer().fit_transform(texts)
        ),
    }
    return {
        name: (normalized_mutual_info_score(groups, labels), adjusted_rand_score(groups, labels))
        for name, labels in found.items()
    }


@pytest.mark.shared
def test_themes_agree_with_gold_categories_better_than_baseline() -> None:
    scores = agreement_scores()
    for name, (nmi, ari) in scores.items():
        print(f"{name:34s} NMI {nmi:.3f}  ARI {ari:.3f}")
    baseline_nmi = next(v[0] for name, v in scores.items() if name.startswith("Tfidf"))
    for name, (nmi, _) in scores.items():
        if name.startswith("ThemeModel"):
            assert nmi > baseline_nmi, f"{name} NMI {nmi:.3f} <= baseline {baseline_nmi:.3f}"


def test_themes_gold_categories_file_is_labels_only() -> None:
    categories = json.loads(CATEGORIES.read_text(encoding="utf-8"))
    assert 10 <= len(set(categories.values())) <= 20
    assert all(isinstance(k, str) and len(k) <= 60 for k in categories)
