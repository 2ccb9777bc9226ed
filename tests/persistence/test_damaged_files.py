"""Damaged, foreign or mismatched files give one clear error (or a warning), never garbage."""

import json
import zipfile

import numpy as np
import pytest

import skltsm
from skltsm import Differencer
from skltsm.persistence import ModelFileError
from tests.persistence.conftest import FORMAT1, rewrite

X = np.arange(8.0).reshape(-1, 1) ** 2


@pytest.fixture
def good(tmp_path):
    """A saved Differencer and its file's bytes."""
    est = Differencer(lag=2).fit(X)
    path = skltsm.save(est, tmp_path / "good.skltsm")
    return est, path, path.read_bytes()


@pytest.fixture(scope="module")
def network_file(tmp_path_factory, fitted):
    """A saved stateful regressor: its network's arrays are in arrays.npz."""
    est = next(e for e in fitted if hasattr(e, "walk_forward"))
    return skltsm.save(est, tmp_path_factory.mktemp("network") / "stateful.skltsm")


def _write(tmp_path, data):
    path = tmp_path / "damaged.skltsm"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.3, 0.5, 0.9, 0.99])
def test_a_truncated_file_is_reported(fraction, good, tmp_path):
    _, _, data = good
    path = _write(tmp_path, data[: int(len(data) * fraction)])
    with pytest.raises(ModelFileError, match=r"damaged\.skltsm' is not a skltsm model file"):
        skltsm.load(path)


def test_empty_random_and_text_files_are_reported(tmp_path):
    rng = np.random.default_rng(0)
    for data in (b"", rng.bytes(4096), b"Month,Sales\n1-01,266.0\n"):
        with pytest.raises(ModelFileError, match="not a zip archive"):
            skltsm.load(_write(tmp_path, data))


def test_every_flipped_bit_is_caught_or_harmless(good, tmp_path):
    # zip's CRC-32 guards every member; a flip in a field nobody reads (a timestamp) is
    # harmless, so a load either fails clearly or gives back the very same model.
    est, _, data = good
    caught = 0
    for position in range(0, len(data), 3):
        flipped = bytearray(data)
        flipped[position] ^= 0x04
        try:
            loaded = skltsm.load(_write(tmp_path, bytes(flipped)))
        except ModelFileError:
            caught += 1
            continue
        assert loaded.get_params() == est.get_params()
        assert np.array_equal(loaded.inverse_forecast([[1.0]]), est.inverse_forecast([[1.0]]))
    assert caught > len(data) // 6


@pytest.mark.parametrize(
    "which, names",
    [
        ("format 2", ["manifest.json", "arrays.npz"]),
        ("format 1", ["manifest.json", "arrays.npz", "networks/0.keras"]),
    ],
)
def test_a_flipped_byte_inside_each_member_names_it(which, names, network_file, tmp_path):
    path = network_file if which == "format 2" else FORMAT1 / "format1_stateful.skltsm"
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    assert [m.filename for m in members] == names
    for member in members:
        start = member.header_offset + 30 + len(member.filename) + len(member.extra)
        flipped = bytearray(data)
        flipped[start + member.compress_size // 2] ^= 0xFF
        with pytest.raises(ModelFileError, match=f"member '{member.filename}' cannot be read"):
            skltsm.load(_write(tmp_path, bytes(flipped)))


def test_a_directory_and_a_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match="is a directory, not a skltsm model file"):
        skltsm.load(tmp_path)
    with pytest.raises(FileNotFoundError, match="no such file: .*nothing.skltsm"):
        skltsm.load(tmp_path / "nothing.skltsm")


@pytest.mark.parametrize("member", ["manifest.json", "arrays.npz", "networks/0.keras"])
def test_a_missing_member_is_named(member, network_file, tmp_path):
    source = FORMAT1 / "format1_stateful.skltsm" if member.endswith(".keras") else network_file
    path = rewrite(source, tmp_path / "partial.skltsm", drop={member})
    with pytest.raises(ModelFileError, match=f"incomplete: member '{member}' is missing"):
        skltsm.load(path)


def test_another_zip_file_is_not_a_model(tmp_path):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ModelFileError, match="member 'manifest.json' is missing"):
        skltsm.load(path)


def _edited(path, tmp_path, edit):
    manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
    edit(manifest)
    return rewrite(path, tmp_path / "edited.skltsm", manifest=json.dumps(manifest))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m.update(format_version=3), "format version 3; this skltsm reads versions 1, 2"),
        (lambda m: m.update(format_version=True), "format version True; this skltsm reads"),
        (lambda m: m.update(format="keras"), "manifest format 'keras', expected 'skltsm-model'"),
        (lambda m: m.pop("estimator"), "the manifest holds no estimator"),
        (lambda m: m["estimator"].pop("state"), "invalid content .*missing field 'state'"),
        (lambda m: m["estimator"]["state"].update(head_=[{"x": 1}]), r"head_\[0\]: expected"),
        (lambda m: m["estimator"]["state"]["tail_"].update(key="a99"), "'a99' is missing"),
    ],
)
def test_malformed_manifests_are_reported(edit, message, good, tmp_path):
    _, path, _ = good
    with pytest.raises(ModelFileError, match=message):
        skltsm.load(_edited(path, tmp_path, edit))


def test_a_manifest_that_is_not_json(good, tmp_path):
    _, path, _ = good
    bad = rewrite(path, tmp_path / "bad.skltsm", manifest="{not json")
    with pytest.raises(ModelFileError, match="manifest.json is not valid JSON"):
        skltsm.load(bad)


def test_a_swapped_network_is_detected_in_a_format1_file(tmp_path):
    # format 1 kept a SHA-256 of the saved weights in the manifest; another network's
    # keras archive does not match it
    with zipfile.ZipFile(FORMAT1 / "format1_stacked.skltsm") as archive:
        foreign = archive.read("networks/0.keras")
    swapped = tmp_path / "swapped.skltsm"
    with (
        zipfile.ZipFile(FORMAT1 / "format1_stateful.skltsm") as src,
        zipfile.ZipFile(swapped, "w") as dst,
    ):
        for info in src.infolist():
            data = foreign if info.filename == "networks/0.keras" else src.read(info)
            dst.writestr(info.filename, data)
    with pytest.raises(ModelFileError, match="does not hold the weights that were saved"):
        skltsm.load(swapped)


def test_network_arrays_of_another_architecture_are_refused(network_file, tmp_path):
    # format 2: the weights are arrays of the estimator's state; set_network_state checks
    # their shapes against the fitted architecture, so a foreign network cannot slip in
    manifest = json.loads(zipfile.ZipFile(network_file).read("manifest.json"))
    state = dict(manifest["estimator"]["state"]["_network_state"]["items"])
    key = state["weights"][0]["key"]
    with zipfile.ZipFile(network_file) as archive:
        arrays = dict(np.load(archive.open("arrays.npz"), allow_pickle=False))
    arrays[key] = np.zeros((7, 3), dtype=np.float32)
    edited = tmp_path / "foreign.skltsm"
    with zipfile.ZipFile(network_file) as src, zipfile.ZipFile(edited, "w") as dst:
        for info in src.infolist():
            if info.filename == "arrays.npz":
                with dst.open("arrays.npz", "w") as out:
                    np.savez(out, **arrays)
            else:
                dst.writestr(info.filename, src.read(info))
    with pytest.raises(ModelFileError, match="set_network_state: weights of shapes"):
        skltsm.load(edited)


def test_other_library_versions_warn_naming_both(good, tmp_path):
    est, path, _ = good

    def edit(manifest):
        manifest["versions"].update({"skltsm": "0.0.1", "scikit-learn": "1.6.0"})

    edited = _edited(path, tmp_path, edit)
    with pytest.warns(UserWarning) as record:
        loaded = skltsm.load(edited)
    messages = [str(w.message) for w in record]
    assert any(
        f"saved with skltsm 0.0.1, this is skltsm {skltsm.__version__}" in m for m in messages
    )
    assert any("saved with scikit-learn 1.6.0, this is scikit-learn" in m for m in messages)
    assert loaded.get_params() == est.get_params()
