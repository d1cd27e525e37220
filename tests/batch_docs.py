"""A tiny bilingual archive for the batch tests, written for this project (border-news style):
three stories in both languages, one only in Spanish and one only in English."""

from __future__ import annotations

from pathlib import Path

SPANISH = {
    "puente.txt": (
        "Reabren el puente Zaragoza tras 14 horas de cierre\n\n"
        "CIUDAD JUÁREZ, Chih. — La CBP reabrió el puente internacional Zaragoza-Ysleta a las 6:40 horas del "
        "jueves 12 de marzo, luego de un cierre de 14 horas por una falla eléctrica.\n\n"
        "Unos 2.300 camiones de carga esperaron en la fila, informó la Cámara Nacional de la Industria de "
        "Transformación."
    ),
    "agua.txt": (
        "El Paso Water aprueba alza de 7 por ciento en tarifas\n\n"
        "EL PASO, Texas. — El consejo de El Paso Water aprobó el martes un aumento de 7 por ciento en las "
        "tarifas de agua para 2027.\n\n"
        "La planta desalinizadora Kay Bailey Hutchison producirá 33 millones de galones diarios."
    ),
    "migrantes.txt": (
        "Albergue de Juárez recibe a 418 migrantes en una semana\n\n"
        "CIUDAD JUÁREZ, Chih. — El albergue Leona Vicario recibió a 418 migrantes entre el 3 y el 9 de "
        "febrero, la cifra más alta desde 2023.\n\n"
        "El director, Santiago González Reyes, pidió apoyo al gobierno federal."
    ),
    "feria.txt": (
        "Inicia la Feria del Libro en el Parque Central\n\n"
        "CIUDAD JUÁREZ, Chih. — La Feria Municipal del Libro abrió con 95 editoriales y un homenaje a la "
        "poeta Rosario Sanmiguel, que durará hasta el domingo 27."
    ),
}

ENGLISH = {
    "bridge-reopens.txt": (
        "Zaragoza bridge reopens after 14-hour closure\n\n"
        "CIUDAD JUÁREZ — CBP reopened the Zaragoza-Ysleta international bridge at 6:40 a.m. on Thursday, "
        "March 12, after a 14-hour closure caused by a power failure.\n\n"
        "Some 2,300 cargo trucks waited in line, the National Chamber of the Transformation Industry said."
    ),
    "water-rates.txt": (
        "El Paso Water approves 7 percent rate increase\n\n"
        "EL PASO — The El Paso Water board on Tuesday approved a 7 percent increase in water rates for 2027.\n\n"
        "The Kay Bailey Hutchison desalination plant will produce 33 million gallons a day."
    ),
    "shelter.txt": (
        "Juárez shelter takes in 418 migrants in one week\n\n"
        "CIUDAD JUÁREZ — The Leona Vicario shelter took in 418 migrants between Feb. 3 and Feb. 9, the "
        "highest number since 2023.\n\n"
        "Its director, Santiago González Reyes, asked the federal government for support."
    ),
    "ufc.txt": (
        "UTEP football hires new defensive coordinator\n\n"
        "EL PASO — UTEP named Marcus Whitfield its defensive coordinator on Monday, the third hire of the "
        "new coaching staff at the Sun Bowl."
    ),
}

GOLD = {("puente.txt", "bridge-reopens.txt"), ("agua.txt", "water-rates.txt"), ("migrantes.txt", "shelter.txt")}


def write_archive(root: Path) -> tuple[Path, Path]:
    """Write the archive under ``root/es`` and ``root/en``; returns the two folders."""
    es, en = root / "es", root / "en"
    es.mkdir(parents=True)
    en.mkdir(parents=True)
    for name, text in SPANISH.items():
        (es / name).write_text(text + "\n", encoding="utf-8")
    for name, text in ENGLISH.items():
        (en / name).write_text(text + "\n", encoding="utf-8")
    return es, en
